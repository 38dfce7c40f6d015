using System.Globalization;
using Libromi.Connect.Server.Events;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Tests.Storage.Postgres.Partitions;

/// <summary>A database built before the time partitions (migration 7) is partitioned in place: nothing copied, nothing lost.</summary>
public sealed class PartitionMigrationTests : PartitionedStore
{
    protected override bool Migrate => false;

    [SkippableFact]
    public async Task An_unpartitioned_database_keeps_its_rows_in_the_legacy_partition_takes_new_ones_in_new_partitions_and_drops_the_legacy_once_expired()
    {
        await using (var scope = await Database.BeginWriteAsync(CancellationToken.None))
        {
            await Migrator.ApplyAsync(scope, [.. Migrations.For(Database.Sql).Take(7)], Time.GetUtcNow(), CancellationToken.None);
            await scope.CommitAsync(CancellationToken.None);
        }
        var old = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            old.Add(await SeedEventAsync(Time.GetUtcNow() - TimeSpan.FromDays(10 - i), 1, 2));
        }
        var lastDelivery = await CountAsync("SELECT MAX(id) FROM deliveries");
        var lastAttempt = await CountAsync("SELECT MAX(id) FROM delivery_attempts");

        await Database.MigrateAsync(CancellationToken.None);

        Assert.Equal(3, await CountAsync("SELECT COUNT(*) FROM events_legacy"));
        Assert.Equal(6, await CountAsync("SELECT COUNT(*) FROM deliveries_legacy"));
        Assert.Equal(6, await CountAsync("SELECT COUNT(*) FROM delivery_attempts_legacy"));
        await using (var session = await Database.OpenSessionAsync(CancellationToken.None))
        {
            Assert.Equal(old.Order(StringComparer.Ordinal), (await EventStore.PayloadsAsync(session, old, CancellationToken.None)).Keys.Order(StringComparer.Ordinal));
        }
        Assert.Equal("FOR VALUES FROM (MINVALUE) TO ('" + Ms(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)).ToString(CultureInfo.InvariantCulture) + "')",
            await ScalarTextAsync("SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'events_legacy'"));

        var young = await SeedEventAsync(Time.GetUtcNow(), 1);
        Assert.Equal(lastDelivery + 1, await CountAsync($"SELECT id FROM deliveries WHERE event_id = '{young}'"));
        Assert.Equal(lastAttempt + 1, await CountAsync($"SELECT a.id FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.event_id = '{young}'"));
        Assert.Equal("deliveries_p20260601", await ScalarTextAsync($"SELECT tableoid::regclass::text FROM deliveries WHERE event_id = '{young}'"));

        Time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(3 + 6 + 6, await Maintenance().RunAsync(Time.GetUtcNow(), CancellationToken.None));
        Assert.DoesNotContain("events_legacy", await PartitionsAsync("events"));
        Assert.Equal(young, await ScalarTextAsync("SELECT string_agg(id, ',') FROM events"));
    }

    [SkippableFact]
    public async Task Rows_newer_than_the_start_of_the_day_stay_in_the_legacy_partition_which_then_ends_after_the_newest()
    {
        await using (var scope = await Database.BeginWriteAsync(CancellationToken.None))
        {
            await Migrator.ApplyAsync(scope, [.. Migrations.For(Database.Sql).Take(6)], Time.GetUtcNow(), CancellationToken.None);
            await scope.CommitAsync(CancellationToken.None);
        }
        await SeedEventAsync(Time.GetUtcNow() - TimeSpan.FromHours(1), 1);

        await Database.MigrateAsync(CancellationToken.None);

        var bound = Ms(Time.GetUtcNow() - TimeSpan.FromHours(1)) + 1;
        Assert.Equal("FOR VALUES FROM (MINVALUE) TO ('" + bound.ToString(CultureInfo.InvariantCulture) + "')",
            await ScalarTextAsync("SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'deliveries_legacy'"));
        // The first partition goes from there to the next midnight; then whole days.
        Assert.Equal(["events_legacy", "events_p20260601t110000", "events_p20260602", "events_p20260603"], await PartitionsAsync("events"));
        await SeedEventAsync(Time.GetUtcNow(), 1);
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM delivery_attempts"));
    }
}
