using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Storage.Postgres.Partitions;
using Npgsql;

namespace Libromi.Connect.Server.Tests.Storage.Postgres.Partitions;

/// <summary>PostgreSQL's time partitions on a real server with a fake clock: created ahead, dropped whole once expired, kept while a delivery is not over.</summary>
public sealed class PartitionMaintenanceTests : PartitionedStore
{
    [SkippableFact]
    public async Task The_coming_partitions_exist_from_the_start_and_maintenance_adds_more_as_the_clock_advances()
    {
        foreach (var table in TimePartitions.Tables)
        {
            Assert.Equal([table + "_legacy", table + "_p20260601", table + "_p20260602", table + "_p20260603"], await PartitionsAsync(table));
        }
        // Ids still compare byte by byte, and the keys hold the partition key.
        Assert.Equal("C", await ScalarTextAsync("SELECT collation_name FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'id'"));
        Assert.Equal("PRIMARY KEY (id, created_at)", await ScalarTextAsync("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'deliveries_pkey'"));

        Time.Advance(TimeSpan.FromDays(2));
        var removed = await Maintenance().RunAsync(Time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(0, removed);
        Assert.Equal(["events_legacy", "events_p20260601", "events_p20260602", "events_p20260603", "events_p20260604", "events_p20260605"],
            await PartitionsAsync("events"));
        Assert.Equal(6, (await PartitionsAsync("delivery_attempts")).Count);
    }

    [SkippableFact]
    public async Task An_expired_range_with_only_ended_deliveries_is_dropped_whole_from_every_table_and_counted()
    {
        var old = await SeedEventAsync(Time.GetUtcNow(), 1, 2);
        var young = await SeedEventAsync(Time.GetUtcNow() + TimeSpan.FromDays(1), 1);
        Assert.Equal("delivery_attempts_p20260601", await ScalarTextAsync($"SELECT tableoid::regclass::text FROM delivery_attempts WHERE delivery_id IN (SELECT id FROM deliveries WHERE event_id = '{old}') LIMIT 1"));

        Time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromHours(12));
        var removed = await Maintenance().RunAsync(Time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(1 + 2 + 2, removed);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM pg_class WHERE relname LIKE '%_p20260601' OR relname LIKE '%_legacy'"));
        Assert.Equal(young, await ScalarTextAsync("SELECT string_agg(id, ',') FROM events"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM deliveries"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM delivery_attempts"));
        // The row purge leaves the range the next drop takes alone, although its first rows expired.
        Assert.Equal(0, await RowPurge().RunAsync(Time.GetUtcNow() + TimeSpan.FromHours(13), CancellationToken.None));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM events"));
    }

    [SkippableFact]
    public async Task A_range_with_a_pending_delivery_is_kept_the_delivery_still_leased_and_delivered_and_its_rows_purged_once_expired()
    {
        var pending = await SeedEventAsync(Time.GetUtcNow(), 0, 1);
        await SeedEventAsync(Time.GetUtcNow(), 1);
        Time.Advance(TimeSpan.FromDays(31));

        Assert.Equal(0, await Maintenance().RunAsync(Time.GetUtcNow(), CancellationToken.None));
        Assert.Contains("events_p20260601", await PartitionsAsync("events"));
        // Only the rows of the kept range go row by row: the other event, its delivery and attempt.
        Assert.Equal(3, await RowPurge().RunAsync(Time.GetUtcNow(), CancellationToken.None));
        Assert.Equal(pending, await ScalarTextAsync("SELECT string_agg(id, ',') FROM events WHERE created_at < " + Ms(Time.GetUtcNow() - TimeSpan.FromDays(30))));

        await using (var scope = await Database.BeginWriteAsync(CancellationToken.None))
        {
            var (leased, _) = await DeliveryStore.LeaseAsync(scope, Database.Sql, Time.GetUtcNow(), Time.GetUtcNow() + TimeSpan.FromMinutes(1), 10, [], [], null, CancellationToken.None);
            var lease = Assert.Single(leased);
            Assert.Equal(pending, lease.EventId);
            await using (var log = scope.Command(Database.Sql.LogAttempts).With("@attempts", $$"""[{"id":{{lease.Id}},"n":2,"started":{{Ms(Time.GetUtcNow())}},"duration":5,"code":200}]"""))
            {
                await log.ExecuteNonQueryAsync();
            }
            await using (var delivered = scope.Command("UPDATE deliveries SET status = 1, updated_at = @now WHERE id = @id").With("@now", Ms(Time.GetUtcNow())).With("@id", lease.Id))
            {
                await delivered.ExecuteNonQueryAsync();
            }
            await scope.CommitAsync(CancellationToken.None);
        }
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM delivery_attempts_p20260601 WHERE delivery_id IN (SELECT id FROM deliveries WHERE status = 1 AND attempt_count = 1 AND event_id = '" + pending + "' AND updated_at > created_at)"));

        Time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await Maintenance().RunAsync(Time.GetUtcNow(), CancellationToken.None));
        Assert.Equal(0, await RowPurge().RunAsync(Time.GetUtcNow(), CancellationToken.None));
        Assert.Equal(1, await CountAsync($"SELECT COUNT(*) FROM events WHERE id = '{pending}'"));

        // Once the delivery ended a retention period ago, what is left of the range goes whole, before the row purge runs.
        Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1 + 2 + 3, await Maintenance().RunAsync(Time.GetUtcNow(), CancellationToken.None));
        Assert.DoesNotContain("events_p20260601", await PartitionsAsync("events"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM events"));
    }

    [SkippableFact]
    public async Task While_another_node_maintains_the_partitions_a_pass_skips_and_two_at_once_drop_each_range_once()
    {
        await SeedEventAsync(Time.GetUtcNow(), 1, 1);
        await SeedEventAsync(Time.GetUtcNow() + TimeSpan.FromDays(1), 2);
        Time.Advance(TimeSpan.FromDays(32) + TimeSpan.FromHours(12));

        await using (var other = new NpgsqlConnection(ConnectionString))
        {
            await other.OpenAsync();
            await using var hold = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended(@lock, 0))", other);
            hold.Parameters.AddWithValue("lock", PartitionMaintenance.LockName);
            await hold.ExecuteNonQueryAsync();

            Assert.Equal(0, await Maintenance().RunAsync(Time.GetUtcNow(), CancellationToken.None));
            Assert.Contains("events_p20260601", await PartitionsAsync("events"));

            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@lock, 0))", other);
            release.Parameters.AddWithValue("lock", PartitionMaintenance.LockName);
            await release.ExecuteNonQueryAsync();
        }

        var second = Node();
        var both = await Task.WhenAll(
            Maintenance().RunAsync(Time.GetUtcNow(), CancellationToken.None),
            Maintenance(second).RunAsync(Time.GetUtcNow(), CancellationToken.None));

        Assert.Equal(1 + 2 + 2 + 1 + 1 + 1, both.Sum());
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM events"));
        Assert.Equal(["events_p20260704", "events_p20260705", "events_p20260706"], await PartitionsAsync("events"));
    }

    [SkippableFact]
    public async Task A_drop_that_cannot_lock_the_tables_in_time_leaves_the_range_to_the_next_pass()
    {
        await SeedEventAsync(Time.GetUtcNow(), 1);
        Time.Advance(TimeSpan.FromDays(31));

        await using (var reader = new NpgsqlConnection(ConnectionString))
        {
            // A long read on deliveries, as a report would be: its lock outlasts the lock_timeout of the pass, which
            // neither creates the partitions ahead nor drops the range, and fails no other step.
            await reader.OpenAsync();
            await using var transaction = await reader.BeginTransactionAsync();
            await using (var read = new NpgsqlCommand("SELECT COUNT(*) FROM deliveries", reader, transaction))
            {
                await read.ExecuteScalarAsync();
            }

            Assert.Equal(0, await Maintenance().RunAsync(Time.GetUtcNow(), CancellationToken.None));
            Assert.Contains("events_p20260601", await PartitionsAsync("events"));
            Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM events"));
        }

        Assert.Equal(3, await Maintenance().RunAsync(Time.GetUtcNow(), CancellationToken.None));
        Assert.DoesNotContain("events_p20260601", await PartitionsAsync("events"));
    }
}
