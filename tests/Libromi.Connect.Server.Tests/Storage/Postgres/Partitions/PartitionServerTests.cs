using Libromi.Connect.Server.Retention;
using Libromi.Connect.Server.Storage.Postgres.Partitions;
using Libromi.Connect.Testing;
using Libromi.Connect.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Libromi.Connect.Server.Tests.Storage.Postgres.Partitions;

/// <summary>The partitions as a PostgreSQL server runs them: maintenance first in each pass, its horizon for the row purge, short intervals.</summary>
public sealed class PartitionServerTests
{
    [SkippableFact]
    public async Task A_postgres_server_maintains_its_partitions_first_and_drops_an_expired_ten_second_range_with_its_event()
    {
        await using var store = new PostgresStore();
        var settings = await store.CreateSettingsAsync();
        Skip.If(settings is null, PostgresServer.HowToEnable);
        settings["Node:Roles"] = "api";
        settings["Retention:Events"] = "00:00:20";
        settings["Retention:PartitionInterval"] = "00:00:10";
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 3, TimeSpan.Zero));
        await using var server = await TestServer.StartAsync(settings, clock);
        var purge = server.Services.GetRequiredService<RetentionPurge>();
        Assert.Equal(["partitions", "events", "idempotency_keys", "listen_sessions", "webhook_stats"], purge.Steps.Select(s => s.Name));
        Assert.IsType<PartitionHorizon>(server.Services.GetRequiredService<IRowPurgeHorizon>());

        using var client = server.CreateClient();
        await client.PostOkAsync("contacts", new { name = "Ada", phone = "+15550001001" });
        await using var connection = new NpgsqlConnection(settings["Storage:ConnectionString"]);
        await connection.OpenAsync();
        await using (var where = new NpgsqlCommand("SELECT tableoid::regclass::text FROM events", connection))
        {
            Assert.Equal("events_p20260601t120000", await where.ExecuteScalarAsync());
        }

        clock.Advance(TimeSpan.FromSeconds(30));
        var runs = await purge.RunOnceAsync(clock.GetUtcNow(), CancellationToken.None);

        Assert.All(runs, r => Assert.Null(r.Error));
        Assert.Equal(1, runs.Single(r => r.Step == "partitions").Rows);
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM events", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }
}
