using System.Net;
using System.Text.Json;
using Libromi.Connect.Testing;
using Libromi.Connect.Testing.Postgres;
using Libromi.Connect.Webhooks.Verification;
using Libromi.Connect.Server.Tests.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Libromi.Connect.Server.Tests.Storage.Postgres;

/// <summary>The public API end to end on PostgreSQL, and nodes with one role each sharing one database.</summary>
public sealed class PostgresApiTests : IAsyncLifetime
{
    private TestDatabase? _database;

    private string ConnectionString => (_database ?? throw new SkipException(PostgresServer.HowToEnable)).ConnectionString;

    public async Task InitializeAsync() => _database = await PostgresServer.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Events_stored_through_the_api_are_delivered_and_listed_page_by_page()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await TestServer.StartAsync(Settings());
        using var client = server.CreateClient();
        await client.PostOkAsync("webhooks", new { url = receiver.Url, events = new[] { "contact.created" } });

        var contacts = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            contacts.Add((await client.PostOkAsync("contacts", new { name = "Ada " + i, phone = "+3161000000" + i })).Str("id"));
        }
        var delivered = await receiver.WaitForCountAsync(5, TimeSpan.FromSeconds(30));

        var listed = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetOkAsync("events?type=contact.created&limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            listed.AddRange(page.GetProperty("data").EnumerateArray().Select(e => e.Str("id")));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(delivered.Select(r => r.Json.Str("id")).Order(StringComparer.Ordinal).Reverse(), listed);
        Assert.Equal(contacts, delivered.Select(r => r.Json.GetProperty("data").GetProperty("contact").Str("id")).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task An_ed25519_webhook_signs_with_its_key_pairs_and_switches_back_to_hmac_on_postgres()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await TestServer.StartAsync(Settings());
        using var client = server.CreateClient();
        var created = await client.PostOkAsync("webhooks", new { url = receiver.Url, events = new[] { "contact.created" }, signing = "ed25519" });
        var rotated = await client.PostOkAsync($"webhooks/{created.Str("id")}/rotate-secret");
        Assert.Equal(created.Str("public_key"), rotated.Str("previous_public_key"));

        await client.PostOkAsync("contacts", new { name = "Ada", phone = "+31610000100" });
        var delivery = (await receiver.WaitForCountAsync(1, TimeSpan.FromSeconds(30)))[0];
        foreach (var publicKey in new[] { rotated.Str("public_key"), created.Str("public_key") })
        {
            Assert.True(new WebhookVerifier(new WebhookVerifierOptions { PublicKeys = [publicKey], Tolerance = TimeSpan.FromDays(1) })
                .Verify(delivery.Body, delivery.Headers).IsValid);
        }

        var hmac = (await client.SendJsonAsync(HttpMethod.Patch, $"webhooks/{created.Str("id")}", new { signing = "hmac" })).Body;
        Assert.Equal(("hmac", JsonValueKind.Null), (hmac.Str("signing"), hmac.GetProperty("public_key").ValueKind));
    }

    [SkippableFact]
    public async Task An_idempotency_key_replays_the_stored_response_on_postgres()
    {
        await using var server = await TestServer.StartAsync(Settings());
        using var client = server.CreateClient();
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "create-ada" };

        var first = await client.SendJsonAsync(HttpMethod.Post, "contacts", new { name = "Ada", phone = "+31610000001" }, headers);
        var second = await client.SendJsonAsync(HttpMethod.Post, "contacts", new { name = "Ada", phone = "+31610000001" }, headers);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal(first.Body.Str("id"), second.Body.Str("id"));
        Assert.Single((await client.GetOkAsync("contacts")).GetProperty("data").EnumerateArray());
    }

    [SkippableFact]
    public async Task An_idempotency_key_expires_after_24_hours_and_is_purged_on_postgres()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new LogRecorder();
        await using var server = await TestServer.StartAsync(Settings((IdempotencyExpiryTests.PurgeLogLevel, "Information")), clock,
            builder => builder.Logging.AddProvider(logs));
        using var client = server.CreateClient();
        var chatbot = new { name = "Hours", keywords = new[] { "hours" }, reply = "9 to 5" };

        var first = await client.PostOkAsync("chatbots", chatbot, Key("old"));
        clock.Advance(TimeSpan.FromHours(12));
        await client.PostOkAsync("chatbots", chatbot, Key("young"));
        Assert.Equal(first.Str("id"), (await client.PostOkAsync("chatbots", chatbot, Key("old"))).Str("id"));
        clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromSeconds(1));

        await logs.WaitForAsync(lines => lines.Any(l => l.Contains("Retention purge idempotency_keys: removed 1 rows", StringComparison.Ordinal)));
        Assert.Equal(["young"], await StoredKeysAsync());
        Assert.NotEqual(first.Str("id"), (await client.PostOkAsync("chatbots", chatbot, Key("old"))).Str("id"));
    }

    [SkippableFact]
    public async Task A_worker_node_delivers_what_an_api_node_stored_as_soon_as_it_is_notified()
    {
        await using var receiver = await TestReceiver.StartAsync();
        // The idle check is far beyond the test's patience: only the notification can make the worker look in time.
        await using var worker = await TestServer.StartAsync(Settings(("Node:Roles", "worker"), ("Delivery:IdleCheckInterval", "01:00:00")));
        await using var api = await TestServer.StartAsync(Settings(("Node:Roles", "api")));
        using var client = api.CreateClient();
        await client.PostOkAsync("webhooks", new { url = receiver.Url, events = new[] { "contact.created" } });

        var contact = await client.PostOkAsync("contacts", new { name = "Grace", phone = "+31610000002" });
        var request = await receiver.NextAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(contact.Str("id"), request.Json.GetProperty("data").GetProperty("contact").Str("id"));
    }

    [SkippableFact]
    public async Task A_worker_node_serves_health_but_not_the_api_and_an_api_node_does_not_deliver()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var worker = await TestServer.StartAsync(Settings(("Node:Roles", "worker")));
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.CreateClient().GetAsync("contacts")).StatusCode);
        await worker.StopAsync();

        await using var api = await TestServer.StartAsync(Settings(("Node:Roles", "api")));
        using var client = api.CreateClient();
        var webhook = await client.PostOkAsync("webhooks", new { url = receiver.Url, events = new[] { "contact.created" } });
        await client.PostOkAsync("contacts", new { name = "Alan", phone = "+31610000003" });

        // Nothing can arrive, so this waits for a delivery the api node would have made at once had it been delivering.
        await Assert.ThrowsAsync<TimeoutException>(() => receiver.NextAsync(TimeSpan.FromSeconds(2)));
        var deliveries = await client.GetOkAsync($"webhooks/{webhook.Str("id")}/deliveries");
        Assert.Equal("pending", Assert.Single(deliveries.GetProperty("data").EnumerateArray()).Str("status"));
    }

    private static Dictionary<string, string> Key(string key) => new() { ["Idempotency-Key"] = key };

    private async Task<List<string>> StoredKeysAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT key FROM idempotency_keys ORDER BY key", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }
        return keys;
    }

    private Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = ConnectionString,
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return settings;
    }
}
