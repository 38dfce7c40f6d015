using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Libromi.Connect.Server.Tests.Delivery;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Contacts.Erasure;

/// <summary>
/// Contact erasure end to end, written once and run on every provider (one subclass each): a real server on a real
/// database, a real receiver, a fake clock, and the stored rows read back to prove what is gone.
/// </summary>
public abstract class ErasureCompliance : ProviderServer
{
    private const string Name = "Ada Erasable";
    private const string Email = "ada.erasable@example.com";
    private const string Phone = "+442079460123";
    private const string Content = "a very personal hello";

    /// <summary>Every text stored in every row of every table, one string per value (blobs read as UTF-8).</summary>
    protected abstract Task<List<string>> StoredTextAsync(TestServer server);

    [SkippableFact]
    public async Task Erasure_cancels_pending_deliveries_which_are_never_sent_and_leaves_no_personal_data_in_any_table()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartAsync(clock);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = r => Task.FromResult(r.Json.Str("type") == "contact.created" ? ReceiverResponse.Ok : new ReceiverResponse(503));
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url);
        var id = (await client.PostOkAsync("contacts", new { name = Name, phone = Phone, email = Email })).Str("id");
        await client.PostOkAsync("messages", new { contact_id = id, type = "text", content = Content });
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"contacts/{id}", $$$"""{"attributes":{"note":"{{{Name}}}"}}""")).Status);
        await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(webhookId), d => d.Length == 3 && d.All(x => x.GetProperty("attempt_count").GetInt32() == 1));

        var report = (await client.PostAsync($"contacts/{id}/erase", "")).Json;

        Assert.Equal((1, 3, 1, 3, 2), (report.GetProperty("messages").GetInt32(), report.GetProperty("events").GetInt32(),
            report.GetProperty("deliveries_removed").GetInt32(), report.GetProperty("attempts_removed").GetInt32(), report.GetProperty("deliveries_cancelled").GetInt32()));
        var cancelled = await client.DeliveriesAsync(webhookId, "cancelled");
        Assert.Equal(2, cancelled.Length);
        Assert.Equal(cancelled, await client.DeliveriesAsync(webhookId), DeliveryComparer.ById);
        foreach (var delivery in cancelled)
        {
            var read = await client.GetOkAsync($"deliveries/{delivery.Str("id")}");
            Assert.Equal("cancelled", read.Str("status"));
            Assert.Equal(JsonValueKind.Null, read.GetProperty("next_attempt_at").ValueKind);
            Assert.Contains("erased", read.Str("last_error"), StringComparison.Ordinal);
            Assert.Empty(read.GetProperty("attempts").EnumerateArray());
            Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"deliveries/{delivery.Str("id")}/retry", "")).Status);
        }

        // Their retries are due now; another contact's event to the same endpoint arrives after the engine looked.
        clock.Advance(TimeSpan.FromMinutes(1));
        await client.PostOkAsync("contacts", new { name = "Grace Kept", phone = "+15550001234" });
        await receiver.WaitForCountAsync(4);
        var bob = await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(webhookId, "succeeded"), d => d.Length == 1);
        Assert.Equal(4, receiver.Received.Count);
        Assert.Equal(3, receiver.Received.Count(r => r.BodyText.Contains(id, StringComparison.Ordinal)));
        Assert.Equal(2, (await client.DeliveriesAsync(webhookId, "cancelled")).Length);

        var stored = await StoredTextAsync(server);
        Assert.Contains(stored, t => t.Contains("Grace Kept", StringComparison.Ordinal));
        foreach (var personal in new[] { Name, Email, Phone, Content, "Ada" })
        {
            Assert.DoesNotContain(stored, t => t.Contains(personal, StringComparison.Ordinal));
        }
        Assert.Single(bob);
    }

    [SkippableFact]
    public async Task An_attempt_in_flight_when_its_contact_is_erased_is_ignored_and_leaves_no_attempt()
    {
        var logs = new LogRecorder();
        await using var server = await StartAsync(null, logs, ("Logging:LogLevel:Libromi.Connect.Server.Delivery.Engine.OutcomeRecorder", "Debug"));
        await using var receiver = await TestReceiver.StartAsync();
        var answer = new TaskCompletionSource();
        receiver.Respond = _ => Task.FromResult(new ReceiverResponse(200, Until: answer.Task));
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url, "contact.created");
        var id = (await client.PostOkAsync("contacts", new { name = Name, phone = Phone })).Str("id");
        await receiver.NextAsync();

        var report = (await client.PostAsync($"contacts/{id}/erase", "")).Json;
        answer.SetResult();
        await logs.WaitForAsync(lines => lines.Any(l => l.Contains("ignored", StringComparison.Ordinal)));

        Assert.Equal((1, 0, 0), (report.GetProperty("deliveries_cancelled").GetInt32(), report.GetProperty("deliveries_removed").GetInt32(), report.GetProperty("attempts_removed").GetInt32()));
        var delivery = Assert.Single(await client.DeliveriesAsync(webhookId));
        var read = await client.GetOkAsync($"deliveries/{delivery.Str("id")}");
        Assert.Equal(("cancelled", 0), (read.Str("status"), read.GetProperty("attempt_count").GetInt32()));
        Assert.Empty(read.GetProperty("attempts").EnumerateArray());
    }

    [SkippableFact]
    public async Task Erasing_an_unknown_or_another_accounts_contact_is_a_404_that_changes_no_row()
    {
        await using var server = await StartAsync(null);
        using var client = server.CreateClient();
        using var stranger = server.CreateClient(await server.CreateAccountAsync());
        var id = (await client.PostOkAsync("contacts", new { name = Name, phone = Phone, email = Email })).Str("id");
        await client.PostOkAsync("messages", new { contact_id = id, type = "text", content = Content });
        // Both keys' last use is recorded (once a minute) before the snapshot, so the 404s below have nothing left to write.
        await stranger.GetOkAsync("contacts");
        await server.Services.GetRequiredService<Libromi.Connect.Server.Accounts.ApiKeyUsage>().FlushAsync(CancellationToken.None);
        var before = await StoredTextAsync(server);

        var foreign = await stranger.PostAsync($"contacts/{id}/erase", "");
        var unknown = await client.PostAsync("contacts/con_unknown/erase", "");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (foreign.Status, unknown.Status));
        Assert.Equal("application/problem+json", foreign.ContentType);
        Assert.Equal(before, await StoredTextAsync(server));
    }

    [SkippableFact]
    public async Task A_repeated_erase_with_the_same_idempotency_key_answers_the_same_report_once_stored()
    {
        await using var server = await StartAsync(null);
        using var client = server.CreateClient();
        var id = (await client.PostOkAsync("contacts", new { name = Name, phone = Phone })).Str("id");
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "erase-ada" };

        var first = await client.PostAsync($"contacts/{id}/erase", "", key);
        var replay = await client.PostAsync($"contacts/{id}/erase", "", key);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.Status, replay.Status));
        Assert.Equal(first.Text, replay.Text);
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
        Assert.Single((await client.GetOkAsync("erasures")).GetProperty("data").EnumerateArray());
    }

    /// <summary>Adds every value of every row <paramref name="reader"/> holds as <c>table.column=value</c> (blobs read as UTF-8).</summary>
    protected static async Task AddRowsAsync(List<string> text, string table, DbDataReader reader)
    {
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                text.Add(table + "." + reader.GetName(i) + "=" + reader.GetValue(i) switch
                {
                    byte[] blob => Encoding.UTF8.GetString(blob),
                    var value => Convert.ToString(value, CultureInfo.InvariantCulture),
                });
            }
        }
    }

    private Task<TestServer> StartAsync(TimeProvider? clock, LogRecorder? logs = null, params (string Key, string Value)[] extra)
    {
        var settings = StorageSettings();
        settings["Delivery:RetrySchedule:0"] = "00:00:05";
        settings["Delivery:RetryJitter"] = "0";
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return TestServer.StartAsync(settings, clock, logs is null ? null : builder => builder.Logging.AddProvider(logs));
    }

    private sealed class DeliveryComparer : IEqualityComparer<JsonElement>
    {
        public static DeliveryComparer ById { get; } = new();

        public bool Equals(JsonElement x, JsonElement y) => x.Str("id") == y.Str("id");

        public int GetHashCode(JsonElement obj) => obj.Str("id").GetHashCode(StringComparison.Ordinal);
    }
}
