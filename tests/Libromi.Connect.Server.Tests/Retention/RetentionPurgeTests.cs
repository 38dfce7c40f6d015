using Libromi.Connect.Server.Retention;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Retention;

/// <summary>The purge as the server runs it: its settings checked at start, its steps in order, its own timer.</summary>
public sealed class RetentionPurgeTests
{
    private const string LogLevelKey = "Logging:LogLevel:Libromi.Connect.Server.Retention.RetentionPurge";

    [Theory]
    [InlineData("Retention:Events", "00:00:00")]
    [InlineData("Retention:PurgeInterval", "-00:00:01")]
    [InlineData("Retention:BatchSize", "0")]
    [InlineData("Retention:BatchSize", "10001")]
    [InlineData("Retention:PartitionInterval", "07:00:00")]
    [InlineData("Retention:PartitionInterval", "00:00:00.500")]
    [InlineData("Retention:PartitionInterval", "1.12:00:00")]
    public async Task A_setting_out_of_range_stops_the_start_naming_it(string key, string value)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestServer.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_steps_run_in_order_with_the_sqlite_vacuum_last()
    {
        await using var server = await TestServer.StartAsync();

        var steps = server.Services.GetRequiredService<RetentionPurge>().Steps.Select(s => s.Name);

        Assert.Equal(["events", "idempotency_keys", "listen_sessions", "webhook_stats", "vacuum"], steps);
    }

    [Fact]
    public async Task With_short_settings_the_server_purges_expired_events_on_its_own_timer()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new LogRecorder();
        await using var server = await TestServer.StartAsync(
            new Dictionary<string, string?> { ["Retention:Events"] = "00:00:20", ["Retention:PurgeInterval"] = "00:00:02", [LogLevelKey] = "Information" },
            clock, builder => builder.Logging.AddProvider(logs));
        using var client = server.CreateClient();
        await client.PostOkAsync("contacts", new { name = "Ada", phone = Seed.Phone() });
        Assert.Equal(1, await EventCountAsync(server));

        clock.Advance(TimeSpan.FromSeconds(22));

        // The purge runs on the server's own timer, which the advanced clock has just fired; it logs once it has committed.
        await logs.WaitForAsync(lines => lines.Any(l => l.Contains("Retention purge events: removed 1 rows", StringComparison.Ordinal)));
        Assert.Equal(0, await EventCountAsync(server));
        // The 22 s the clock jumped are several intervals: a second pass may already have run, and found nothing left.
        Assert.Contains(server.Services.GetRequiredService<PurgeRuns>().Last("events")?.Rows, new long?[] { 0, 1 });
    }

    private static async Task<long> EventCountAsync(TestServer server)
    {
        await using var connection = new SqliteConnection($"Data Source={server.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM events";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
