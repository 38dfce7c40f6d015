using System.Text.Json;
using Libromi.Connect.Server.Tests.Delivery;
using Libromi.Connect.Testing;
using Libromi.Connect.Webhooks.Events;
using Libromi.Connect.Webhooks.Signing;
using Libromi.Connect.Webhooks.Verification;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Events.Operational;

/// <summary>
/// delivery.failed, webhook.disabled and webhook.recovered, from real failing receivers to a real monitor receiver, on a
/// controlled clock: written with the outcome that caused them, never sent to the webhook they are about, and no cascade
/// when the monitor fails too. Run on every store (one subclass each): the health update and the fan-out are SQL.
/// </summary>
public abstract class OperationalEventsTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Delivery:RetrySchedule:0"] = "00:00:05",
        ["Delivery:RetryJitter"] = "0",
        ["Delivery:CircuitBreakerThreshold"] = "1000",
    };

    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);

    private Dictionary<string, string?>? _store;

    [SkippableFact]
    public async Task A_delivery_failed_after_its_last_attempt_is_reported_once_to_the_monitor_signed_and_never_to_the_failing_webhook()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartServerAsync(Settings, clock);
        await using var failing = await TestReceiver.StartAsync();
        failing.Respond = _ => Task.FromResult(new ReceiverResponse(500, Body: "the receiver's own answer"));
        await using var monitor = await TestReceiver.StartAsync();
        await using var catchAll = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        // The failing webhook subscribes to delivery.failed too: only the fan-out's exclusion keeps its own report from it.
        var failingId = await WebhookAsync(client, failing.Url, ["contact.created", "delivery.failed"]);
        // The monitor is ordered by contact: an operational event has no contact, and must still be delivered.
        var monitorWebhook = await client.PostOkAsync("webhooks", new { url = monitor.Url.ToString(), events = new[] { "delivery.failed" }, ordering = "contact" });
        var catchAllId = await WebhookAsync(client, catchAll.Url, ["*"]);
        // Filters apply as to any event: this one wants timeouts only.
        var timeoutsOnly = (await client.PostOkAsync("webhooks", new
        {
            url = catchAll.Url.ToString(), events = new[] { "delivery.failed" }, filter = new Dictionary<string, object> { ["data.error.kind"] = "timeout" },
        })).Str("id");

        await client.CreateContactAsync("Ada", "+15550004001");
        var deliveryId = await server.OnlyDeliveryIdAsync(client, failingId);
        await server.WaitForDeliveryAsync(client, deliveryId, d => d.GetProperty("attempt_count").GetInt32() == 1);
        clock.Advance(Retry);
        var failed = await server.WaitForDeliveryAsync(client, deliveryId, d => d.Str("status") == "failed");

        var request = await monitor.NextAsync();
        Assert.True(WebhookEventParser.TryParse(request.Body, out var parsed, out var error), error);
        var report = Assert.IsType<WebhookEvent<DeliveryFailed>>(parsed).Data;
        Assert.Equal(new WebhookReference(failingId, failing.Url.ToString()), report.Webhook);
        Assert.Equal(new DeliveryReference(deliveryId, failed.Str("event_id"), "contact.created", 2), report.Delivery);
        var last = failed.GetProperty("attempts")[1];
        Assert.Equal(new DeliveryError(500, "http_status", last.Str("error")), report.Error);
        Assert.DoesNotContain("the receiver's own answer", request.BodyText, StringComparison.Ordinal);
        var verified = new WebhookVerifier(new WebhookVerifierOptions { Secrets = [monitorWebhook.Str("secret")] }).Verify(request.Body, request.Headers);
        Assert.True(verified.IsValid, verified.Message);
        Assert.Equal("delivery.failed", request.Header(WebhookHeaders.EventType));
        Assert.Equal(await RawEventAsync(server, parsed.Id), request.Body);

        await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(monitorWebhook.Str("id")), d => d.Length == 1 && d[0].Str("status") == "succeeded");
        Assert.Single(await EventsAsync(client, "delivery.failed"));
        Assert.Single(monitor.Received);
        Assert.Equal(["contact.created"], (await client.DeliveriesAsync(failingId)).Select(d => d.Str("event_type")));
        Assert.Equal(2, failing.Received.Count);
        // ["*"] means the platform's events: the catch-all endpoint is not sent the report.
        Assert.Equal(["contact.created"], (await client.DeliveriesAsync(catchAllId)).Select(d => d.Str("event_type")));
        Assert.Empty(await client.DeliveriesAsync(timeoutsOnly));
    }

    [SkippableFact]
    public async Task A_webhook_failing_for_DisableAfter_is_disabled_and_the_monitor_is_told_once_with_the_streak_and_the_last_error()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartServerAsync(new(Settings) { ["Delivery:DisableAfter"] = "00:00:04" }, clock);
        await using var failing = await TestReceiver.StartAsync();
        var answer = 503;
        failing.Respond = _ => Task.FromResult(new ReceiverResponse(Volatile.Read(ref answer)));
        await using var monitor = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var failingId = await WebhookAsync(client, failing.Url, ["contact.created", "webhook.disabled"]);
        var monitorId = await WebhookAsync(client, monitor.Url, ["webhook.disabled", "webhook.recovered"]);

        await client.CreateContactAsync("Ada", "+15550004002");
        var deliveryId = await server.OnlyDeliveryIdAsync(client, failingId);
        await server.WaitForDeliveryAsync(client, deliveryId, d => d.GetProperty("attempt_count").GetInt32() == 1);
        Assert.True((await client.GetOkAsync($"webhooks/{failingId}")).GetProperty("enabled").GetBoolean());
        clock.Advance(Retry);
        var failed = await server.WaitForDeliveryAsync(client, deliveryId, d => d.Str("status") == "failed");
        Assert.Equal("failing", (await client.GetOkAsync($"webhooks/{failingId}")).Str("disabled_reason"));

        var request = await monitor.NextAsync();
        Assert.True(WebhookEventParser.TryParse(request.Body, out var parsed, out var error), error);
        var report = Assert.IsType<WebhookEvent<WebhookDisabled>>(parsed).Data;
        Assert.Equal(new WebhookReference(failingId, failing.Url.ToString()), report.Webhook);
        Assert.Equal("failing", report.Reason);
        Assert.Equal(failed.GetProperty("attempts")[0].GetProperty("started_at").GetDateTimeOffset(), report.FailingSince);
        Assert.Equal(new DeliveryReference(deliveryId, failed.Str("event_id"), "contact.created", 2), report.Delivery);
        Assert.Equal((503, "http_status"), (report.Error.StatusCode, report.Error.Kind));

        await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(monitorId), d => d.Length == 1 && d[0].Str("status") == "succeeded");
        Assert.Single(await EventsAsync(client, "webhook.disabled"));
        Assert.Single(monitor.Received);

        // A test ping still reaches the disabled endpoint: answered, it ends the streak, and the monitor hears it answers again.
        Volatile.Write(ref answer, 200);
        await client.PostOkAsync($"webhooks/{failingId}/test");
        var recovered = await monitor.NextAsync();
        Assert.True(WebhookEventParser.TryParse(recovered.Body, out var again, out error), error);
        var recovery = Assert.IsType<WebhookEvent<WebhookRecovered>>(again).Data;
        Assert.Equal((failingId, "webhook.test", report.FailingSince), (recovery.Webhook.Id, recovery.Delivery.EventType, (DateTimeOffset?)recovery.FailingSince));
        Assert.False((await client.GetOkAsync($"webhooks/{failingId}")).GetProperty("enabled").GetBoolean());
    }

    [SkippableFact]
    public async Task A_410_disables_the_webhook_at_once_and_the_monitor_is_told_it_is_gone()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartServerAsync(Settings, clock);
        await using var gone = await TestReceiver.StartAsync();
        gone.Respond = _ => Task.FromResult(new ReceiverResponse(410));
        await using var monitor = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var goneId = await WebhookAsync(client, gone.Url, ["contact.created"]);
        await WebhookAsync(client, monitor.Url, ["webhook.disabled", "delivery.failed"]);

        await client.CreateContactAsync("Ada", "+15550004003");
        var deliveryId = await server.OnlyDeliveryIdAsync(client, goneId);
        await server.WaitForDeliveryAsync(client, deliveryId, d => d.Str("status") == "failed");

        var reports = (await monitor.WaitForCountAsync(2)).Select(r => WebhookEventParser.TryParse(r.Body, out var e, out _) ? e : null).ToList();
        var disabled = Assert.Single(reports.OfType<WebhookEvent<WebhookDisabled>>()).Data;
        Assert.Equal(("gone", null, 410, 1), (disabled.Reason, disabled.FailingSince, disabled.Error.StatusCode, disabled.Delivery.Attempts));
        Assert.Equal(deliveryId, Assert.Single(reports.OfType<WebhookEvent<DeliveryFailed>>()).Data.Delivery.Id);
        await AssertLikeTheCatalogExampleAsync(client, reports.OfType<WebhookEvent<WebhookDisabled>>().Single());
        await AssertLikeTheCatalogExampleAsync(client, reports.OfType<WebhookEvent<DeliveryFailed>>().Single());
    }

    [SkippableFact]
    public async Task The_first_success_of_a_failing_webhook_is_reported_once_and_later_successes_are_not()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartServerAsync(Settings, clock);
        await using var flaky = await TestReceiver.StartAsync();
        var calls = 0;
        flaky.Respond = _ => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? new ReceiverResponse(500) : ReceiverResponse.Ok);
        await using var monitor = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var flakyId = await WebhookAsync(client, flaky.Url, ["contact.created", "webhook.recovered"]);
        var monitorId = await WebhookAsync(client, monitor.Url, ["webhook.recovered"]);

        await client.CreateContactAsync("Ada", "+15550004004");
        var deliveryId = await server.OnlyDeliveryIdAsync(client, flakyId);
        await server.WaitForDeliveryAsync(client, deliveryId, d => d.GetProperty("attempt_count").GetInt32() == 1);
        clock.Advance(Retry);
        var delivered = await server.WaitForDeliveryAsync(client, deliveryId, d => d.Str("status") == "succeeded");

        var request = await monitor.NextAsync();
        Assert.True(WebhookEventParser.TryParse(request.Body, out var parsed, out var error), error);
        var report = Assert.IsType<WebhookEvent<WebhookRecovered>>(parsed).Data;
        Assert.Equal(new WebhookReference(flakyId, flaky.Url.ToString()), report.Webhook);
        Assert.Equal(delivered.GetProperty("attempts")[0].GetProperty("started_at").GetDateTimeOffset(), report.FailingSince);
        Assert.Equal(new DeliveryReference(deliveryId, delivered.Str("event_id"), "contact.created", 2), report.Delivery);

        // Healthy now: a success that ends no streak reports nothing.
        await client.CreateContactAsync("Bob", "+15550004005");
        await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(flakyId), d => d.Length == 2 && d.All(x => x.Str("status") == "succeeded"));
        await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(monitorId), d => d.Length == 1 && d[0].Str("status") == "succeeded");
        Assert.Single(await EventsAsync(client, "webhook.recovered"));
        Assert.Single(monitor.Received);
        Assert.All(await client.DeliveriesAsync(flakyId), d => Assert.Equal("contact.created", d.Str("event_type")));
        await AssertLikeTheCatalogExampleAsync(client, parsed);
    }

    [SkippableFact]
    public async Task Monitors_that_fail_their_reports_and_are_disabled_for_it_cause_no_further_reports()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartServerAsync(new(Settings) { ["Delivery:DisableAfter"] = "00:00:04" }, clock);
        await using var failing = await TestReceiver.StartAsync();
        failing.Respond = _ => Task.FromResult(new ReceiverResponse(500));
        await using var first = await TestReceiver.StartAsync();
        first.Respond = _ => Task.FromResult(new ReceiverResponse(500));
        await using var second = await TestReceiver.StartAsync();
        second.Respond = _ => Task.FromResult(new ReceiverResponse(500));
        using var client = server.CreateClient();
        var failingId = await WebhookAsync(client, failing.Url, ["contact.created"]);
        // Two dead monitors watching everything operational: each one's failures would otherwise be reported to the other.
        string[] watched = ["delivery.failed", "webhook.disabled", "webhook.recovered"];
        var monitors = new[] { await WebhookAsync(client, first.Url, watched), await WebhookAsync(client, second.Url, watched) };

        await client.CreateContactAsync("Ada", "+15550004006");
        var deliveryId = await server.OnlyDeliveryIdAsync(client, failingId);
        await server.WaitForDeliveryAsync(client, deliveryId, d => d.GetProperty("attempt_count").GetInt32() == 1);
        clock.Advance(Retry);
        await server.WaitForDeliveryAsync(client, deliveryId, d => d.Str("status") == "failed");
        // The failed webhook's delivery.failed and webhook.disabled reach each monitor, which fails them twice and is disabled.
        foreach (var monitor in monitors)
        {
            await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(monitor), d => d.Length == 2 && d.All(x => x.GetProperty("attempt_count").GetInt32() == 1));
        }
        clock.Advance(Retry);
        foreach (var monitor in monitors)
        {
            await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(monitor), d => d.Length == 2 && d.All(x => x.Str("status") == "failed"));
            Assert.False((await client.GetOkAsync($"webhooks/{monitor}")).GetProperty("enabled").GetBoolean());
        }

        var operational = (await EventsAsync(client, null)).Where(e => e.Str("type") != "contact.created").ToList();
        Assert.Equal(["delivery.failed", "webhook.disabled"], operational.Select(e => e.Str("type")).Order());
        Assert.All(operational, e => Assert.Equal(failingId, e.GetProperty("data").GetProperty("webhook").Str("id")));
        foreach (var monitor in monitors)
        {
            Assert.Equal(["delivery.failed", "webhook.disabled"], (await client.DeliveriesAsync(monitor)).Select(d => d.Str("event_type")).Order());
        }
        // Two reports, two attempts each: nothing more reached either monitor.
        Assert.Equal([4, 4], new[] { first.Received.Count, second.Received.Count });
    }

    /// <summary>The store settings of the provider under test; null skips with <see cref="SkipReason"/>.</summary>
    protected abstract Task<Dictionary<string, string?>?> StoreSettingsAsync();

    protected virtual string SkipReason => "";

    public async Task InitializeAsync() => _store = await StoreSettingsAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private Task<TestServer> StartServerAsync(Dictionary<string, string?> settings, FakeTimeProvider clock)
    {
        Skip.If(_store is null, SkipReason);
        return TestServer.StartAsync(new Dictionary<string, string?>(settings.Concat(_store!)), clock);
    }

    private static async Task<string> WebhookAsync(HttpClient client, Uri url, string[] events) =>
        (await client.PostOkAsync("webhooks", new { url = url.ToString(), events })).Str("id");

    private static async Task<List<JsonElement>> EventsAsync(HttpClient client, string? type) =>
        [.. (await client.GetOkAsync("events?limit=100" + (type is null ? "" : "&type=" + type))).GetProperty("data").EnumerateArray()];

    /// <summary>GET /event-types shows an example of this type with the same fields, in the same order, as the real one.</summary>
    private static async Task AssertLikeTheCatalogExampleAsync(HttpClient client, WebhookEvent real)
    {
        var entry = (await client.GetOkAsync("event-types")).GetProperty("data").EnumerateArray().Single(t => t.Str("name") == real.Type);
        Assert.True(entry.GetProperty("operational").GetBoolean());
        EventTypesTests.AssertSameShape(real.RawData, entry.GetProperty("example_data"), real.Type);
    }

    private static async Task<byte[]> RawEventAsync(TestServer server, string eventId)
    {
        using var raw = new HttpClient { BaseAddress = server.BaseAddress };
        raw.DefaultRequestHeaders.Authorization = new("Bearer", server.ApiKey);
        return await raw.GetByteArrayAsync($"/api/v1/events/{eventId}");
    }
}
