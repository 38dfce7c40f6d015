using Libromi.Connect.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>What counts as a failure, and what each kind of failure leads to.</summary>
public sealed class FailureHandlingTests
{
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Delivery:RetrySchedule:0"] = "00:00:00.010",
        ["Delivery:RetrySchedule:1"] = "00:00:00.010",
        ["Delivery:RetrySchedule:2"] = "00:00:00.010",
    };

    [Fact]
    public async Task A_delivery_that_keeps_failing_is_tried_four_times_then_stays_failed_with_every_attempt_logged()
    {
        await using var server = await TestServer.StartAsync(FastRetries);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(new ReceiverResponse(500, Body: "boom"));
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url);

        await client.CreateContactAsync("Ada", "+15550000010");
        var delivery = await server.WaitForDeliveryAsync(client, await server.OnlyDeliveryIdAsync(client, webhookId), d => d.Str("status") == "failed");

        Assert.Equal(4, delivery.GetProperty("attempt_count").GetInt32());
        var attempts = delivery.GetProperty("attempts").EnumerateArray().ToArray();
        Assert.Equal([1, 2, 3, 4], attempts.Select(a => a.GetProperty("attempt").GetInt32()));
        Assert.All(attempts, a =>
        {
            Assert.Equal(500, a.GetProperty("status_code").GetInt32());
            Assert.Equal("http_status", a.Str("error_kind"));
            Assert.Equal("boom", a.Str("response_body"));
        });
        Assert.Equal(4, receiver.Received.Count);
        Assert.Single(await client.DeliveriesAsync(webhookId, "failed"));
    }

    [Fact]
    public async Task A_redirect_is_a_failure_and_is_not_followed()
    {
        await using var server = await TestServer.StartAsync(FastRetries);
        await using var receiver = await TestReceiver.StartAsync();
        await using var target = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(new ReceiverResponse(302, Headers: new Dictionary<string, string> { ["Location"] = target.Url.ToString() }));
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url);

        await client.CreateContactAsync("Ada", "+15550000011");
        var delivery = await server.WaitForDeliveryAsync(client, await server.OnlyDeliveryIdAsync(client, webhookId), d => d.Str("status") == "failed");

        Assert.Equal(302, delivery.GetProperty("last_status_code").GetInt32());
        Assert.Empty(target.Received);
    }

    [Fact]
    public async Task No_complete_response_within_the_timeout_is_a_timeout_failure()
    {
        // The timeout runs on the server's clock: each attempt times out when the test moves it, not by waiting.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Delivery:Timeout"] = "00:00:05",
            ["Delivery:RetrySchedule:0"] = "00:00:00",
            ["Delivery:RetrySchedule:1"] = "00:00:00",
            ["Delivery:RetrySchedule:2"] = "00:00:00",
        }, clock);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(ReceiverResponse.Hang);
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url);

        await client.CreateContactAsync("Ada", "+15550000012");
        var deliveryId = await server.OnlyDeliveryIdAsync(client, webhookId);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await receiver.WaitForCountAsync(attempt);
            clock.Advance(TimeSpan.FromSeconds(5));
            await server.WaitForDeliveryAsync(client, deliveryId, d => d.GetProperty("attempt_count").GetInt32() == attempt);
        }
        var delivery = await server.WaitForDeliveryAsync(client, deliveryId, d => d.Str("status") == "failed");

        Assert.Equal(4, delivery.GetProperty("attempts").GetArrayLength());
        Assert.All(delivery.GetProperty("attempts").EnumerateArray(), a =>
        {
            Assert.Equal("timeout", a.Str("error_kind"));
            Assert.Equal(5000, a.GetProperty("duration_ms").GetInt32());
        });
    }

    [Fact]
    public async Task A_refused_connection_is_a_connection_error()
    {
        await using var server = await TestServer.StartAsync(FastRetries);
        using var client = server.CreateClient();
        Uri closed;
        await using (var receiver = await TestReceiver.StartAsync())
        {
            closed = receiver.Url;
        }
        var (webhookId, _) = await client.CreateWebhookAsync(closed);

        await client.CreateContactAsync("Ada", "+15550000013");
        var delivery = await server.WaitForDeliveryAsync(client, await server.OnlyDeliveryIdAsync(client, webhookId), d => d.Str("status") == "failed");

        Assert.All(delivery.GetProperty("attempts").EnumerateArray(), a => Assert.Equal("connection_error", a.Str("error_kind")));
    }

    [Fact]
    public async Task Gone_disables_the_webhook_and_fails_the_delivery_without_retrying()
    {
        await using var server = await TestServer.StartAsync(FastRetries);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(new ReceiverResponse(410));
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url);

        await client.CreateContactAsync("Ada", "+15550000014");
        var delivery = await server.WaitForDeliveryAsync(client, await server.OnlyDeliveryIdAsync(client, webhookId), d => d.Str("status") == "failed");

        Assert.Equal(1, delivery.GetProperty("attempt_count").GetInt32());
        var webhook = await client.GetOkAsync($"webhooks/{webhookId}");
        Assert.False(webhook.GetProperty("enabled").GetBoolean());
        Assert.Equal("gone", webhook.Str("disabled_reason"));
    }

    [Fact]
    public async Task Retry_after_on_429_sets_the_next_attempt_time()
    {
        await using var server = await TestServer.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(new ReceiverResponse(429, Headers: new Dictionary<string, string> { ["Retry-After"] = "120" }));
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url);

        await client.CreateContactAsync("Ada", "+15550000015");
        var delivery = await server.WaitForDeliveryAsync(client, await server.OnlyDeliveryIdAsync(client, webhookId), d => d.GetProperty("attempt_count").GetInt32() == 1);

        var started = Assert.Single(delivery.GetProperty("attempts").EnumerateArray()).GetProperty("started_at").GetDateTimeOffset();
        var next = delivery.GetProperty("next_attempt_at").GetDateTimeOffset();
        Assert.InRange((next - started).TotalSeconds, 119, 125);
    }

    [Fact]
    public async Task Only_the_first_4_KiB_of_a_response_are_read_and_kept()
    {
        await using var server = await TestServer.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(new ReceiverResponse(200, Body: new string('x', 100_000)));
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url);

        await client.CreateContactAsync("Ada", "+15550000016");
        var delivery = await server.WaitForDeliveryAsync(client, await server.OnlyDeliveryIdAsync(client, webhookId), d => d.Str("status") == "succeeded");

        var attempt = Assert.Single(delivery.GetProperty("attempts").EnumerateArray());
        Assert.Equal(4096, attempt.Str("response_body").Length);
        Assert.Equal("Kestrel", attempt.GetProperty("response_headers").Str("server"));
    }
}
