using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Api;

/// <summary>An Idempotency-Key is remembered for Api:IdempotencyKeyLifetime (24 h), then forgotten and purged from the store.</summary>
public sealed class IdempotencyExpiryTests
{
    private const string Chatbot = """{"name":"Hours","keywords":["hours"],"reply":"9 to 5"}""";

    /// <summary>The purge logs what it deleted at Information, below the test servers' default level.</summary>
    public const string PurgeLogLevel = "Logging:LogLevel:Libromi.Connect.Server.Retention.RetentionPurge";

    private static Dictionary<string, string> Key(string key) => new() { ["Idempotency-Key"] = key };

    [Fact]
    public async Task A_key_replays_for_24_hours_and_after_that_the_request_runs_anew()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(time: clock);
        using var client = server.CreateClient();

        var first = await client.PostAsync("chatbots", Chatbot, Key("hours"));
        clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var replayed = await client.PostAsync("chatbots", Chatbot, Key("hours"));
        clock.Advance(TimeSpan.FromSeconds(1));
        var anew = await client.PostAsync("chatbots", Chatbot, Key("hours"));
        var replayedAnew = await client.PostAsync("chatbots", Chatbot, Key("hours"));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(("true", first.Text), (replayed.Header("Idempotent-Replayed"), replayed.Text));
        Assert.Equal(HttpStatusCode.Created, anew.Status);
        Assert.Null(anew.Header("Idempotent-Replayed"));
        Assert.NotEqual(first.Json.Str("id"), anew.Json.Str("id"));
        Assert.Equal(anew.Text, replayedAnew.Text);
        Assert.Equal(2, (await client.AllAsync("chatbots")).Count);
    }

    [Fact]
    public async Task The_lifetime_follows_Api_IdempotencyKeyLifetime()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Api:IdempotencyKeyLifetime"] = "00:10:00" }, clock);
        using var client = server.CreateClient();

        var first = await client.PostAsync("chatbots", Chatbot, Key("hours"));
        clock.Advance(TimeSpan.FromMinutes(9));
        var replayed = await client.PostAsync("chatbots", Chatbot, Key("hours"));
        clock.Advance(TimeSpan.FromMinutes(1));
        var anew = await client.PostAsync("chatbots", Chatbot, Key("hours"));

        Assert.Equal(first.Json.Str("id"), replayed.Json.Str("id"));
        Assert.NotEqual(first.Json.Str("id"), anew.Json.Str("id"));
    }

    [Fact]
    public async Task Expired_keys_and_their_stored_responses_are_purged_from_the_store()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new LogRecorder();
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { [PurgeLogLevel] = "Information" }, clock,
            builder => builder.Logging.AddProvider(logs));
        using var client = server.CreateClient();

        await client.PostAsync("webhooks", """{"url":"https://example.com/webhook","events":["*"]}""", Key("old"));
        clock.Advance(TimeSpan.FromHours(12));
        await client.PostAsync("chatbots", Chatbot, Key("young"));
        Assert.Equal(["old", "young"], await StoredKeysAsync(server));
        clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromSeconds(1));

        // The purge runs on the server's own timer, which the advanced clock has just fired; it logs once it has committed.
        await logs.WaitForAsync(lines => lines.Any(l => l.Contains("Retention purge idempotency_keys: removed 1 rows", StringComparison.Ordinal)));
        Assert.Equal(["young"], await StoredKeysAsync(server));
    }

    private static async Task<List<string>> StoredKeysAsync(TestServer server)
    {
        await using var connection = new SqliteConnection($"Data Source={server.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key FROM idempotency_keys ORDER BY key";
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }
        return keys;
    }
}
