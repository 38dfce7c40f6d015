using System.Diagnostics;
using Libromi.Connect.Server.Retention;
using Libromi.Connect.Server.Storage;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Libromi.Connect.Server.Tests.Storage.Postgres.Partitions;

/// <summary>
/// What dropping a range saves: the same 10,000 events (each with a delivery and an attempt) removed by one maintenance
/// pass and by the row purge. Reports both times; asserts only that each removed everything.
/// </summary>
public sealed class PartitionDropCostTests(ITestOutputHelper output) : PartitionedStore
{
    private const int Events = 10_000;

    [SkippableFact]
    public async Task Dropping_a_range_of_ten_thousand_events_and_purging_the_same_rows_one_by_one_both_remove_everything()
    {
        var day1 = Time.GetUtcNow();
        var day2 = day1 + TimeSpan.FromDays(1);
        await SeedManyAsync(day1);
        await SeedManyAsync(day2);

        // Day 1 expires alone: the pass drops its partitions. A pass just before creates the partitions ahead and warms
        // up, so that the timed one only drops; the row purge is warmed up likewise with nothing to remove yet.
        var dropAt = day1 + TimeSpan.FromDays(30) + TimeSpan.FromHours(12);
        var purge = new EventPurge(Database, new CutoffHorizon(), Microsoft.Extensions.Options.Options.Create(Options));
        Assert.Equal(0, await Maintenance().RunAsync(dropAt - TimeSpan.FromHours(13), CancellationToken.None));
        Assert.Equal(0, await purge.RunAsync(day1 + TimeSpan.FromDays(1), CancellationToken.None));
        var watch = Stopwatch.StartNew();
        var dropped = await Maintenance().RunAsync(dropAt, CancellationToken.None);
        var drop = watch.Elapsed;

        // Day 2 by the row purge alone, as without partitions (the cutoff is the horizon).
        var purgeAt = day2 + TimeSpan.FromDays(31);
        watch.Restart();
        var purged = await purge.RunAsync(purgeAt, CancellationToken.None);
        var rows = watch.Elapsed;

        output.WriteLine($"{Events} events + {Events} deliveries + {Events} attempts: partition drop {drop.TotalMilliseconds:F0} ms, row purge (batches of {Options.BatchSize}) {rows.TotalMilliseconds:F0} ms");
        Assert.Equal(3 * Events, dropped);
        Assert.Equal(3 * Events, purged);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM events"));
    }

    private async Task SeedManyAsync(DateTimeOffset at)
    {
        var ids = new IdGenerator(new FakeTimeProvider(at));
        var eventIds = Enumerable.Range(0, Events).Select(_ => ids.New("evt")).ToArray();
        await using var scope = await Database.BeginWriteAsync(CancellationToken.None);
        foreach (var sql in (string[])[
            "INSERT INTO events (id, account_id, type, created_at, payload) SELECT id, 'acc_1', 'contact.created', @at, @p FROM unnest(@ids) AS id",
            """
            INSERT INTO deliveries (account_id, event_id, event_type, webhook_id, status, attempt_count, max_attempts, next_attempt_at, lease_token, created_at, updated_at)
            SELECT 'acc_1', id, 'contact.created', 'whk_1', 1, 1, 5, @at, 0, @at, @at FROM events WHERE created_at = @at
            """,
            """
            INSERT INTO delivery_attempts (delivery_id, attempt, started_at, duration_ms, status_code, response_body, created_at)
            SELECT id, 1, @at, 12, 200, 'ok', created_at FROM deliveries WHERE created_at = @at
            """,
        ])
        {
            await using var insert = scope.Command(sql).With("@at", Ms(at)).With("@p", new byte[512]).With("@ids", eventIds);
            await insert.ExecuteNonQueryAsync();
        }
        await scope.CommitAsync(CancellationToken.None);
    }
}
