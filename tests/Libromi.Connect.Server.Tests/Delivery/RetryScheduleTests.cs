using Libromi.Connect.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>The retry schedule lives in the store and follows the configured delays, with jitter, on a controlled clock.</summary>
public sealed class RetryScheduleTests
{
    [Fact]
    public async Task Failed_attempts_are_retried_after_5_seconds_5_minutes_and_30_minutes_give_or_take_20_percent()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(time: clock);
        await using var receiver = await TestReceiver.StartAsync();
        var calls = 0;
        receiver.Respond = _ => Task.FromResult(Interlocked.Increment(ref calls) <= 3 ? new ReceiverResponse(503) : ReceiverResponse.Ok);
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url);

        await client.CreateContactAsync("Ada", "+15550000020");
        var deliveryId = await server.OnlyDeliveryIdAsync(client, webhookId);
        TimeSpan[] expected = [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)];
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var delivery = await server.WaitForDeliveryAsync(client, deliveryId, d => d.GetProperty("attempt_count").GetInt32() == attempt);
            Assert.Equal("pending", delivery.Str("status"));
            var delay = delivery.GetProperty("next_attempt_at").GetDateTimeOffset() - clock.GetUtcNow();
            Assert.InRange(delay, expected[attempt - 1] * 0.8 - TimeSpan.FromMilliseconds(1), expected[attempt - 1] * 1.2 + TimeSpan.FromMilliseconds(1));
            Assert.Equal(attempt, receiver.Received.Count);

            clock.Advance(expected[attempt - 1] * 1.2 + TimeSpan.FromMilliseconds(1));
        }

        var done = await server.WaitForDeliveryAsync(client, deliveryId, d => d.Str("status") == "succeeded");
        Assert.Equal(4, done.GetProperty("attempt_count").GetInt32());
        Assert.Equal([503, 503, 503, 200], done.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("status_code").GetInt32()));
    }

    [Fact]
    public async Task A_pending_retry_is_not_attempted_before_it_is_due()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(time: clock);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(new ReceiverResponse(500));
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url);

        await client.CreateContactAsync("Ada", "+15550000021");
        var deliveryId = await server.OnlyDeliveryIdAsync(client, webhookId);
        await server.WaitForDeliveryAsync(client, deliveryId, d => d.GetProperty("attempt_count").GetInt32() == 1);
        clock.Advance(TimeSpan.FromSeconds(3.9));
        // A later event to another endpoint wakes the dispatcher: the early retry must still wait.
        await using var other = await TestReceiver.StartAsync();
        await client.CreateWebhookAsync(other.Url, "contact.created");
        await client.CreateContactAsync("Bob", "+15550000022");
        await other.NextAsync();

        var delivery = await client.GetOkAsync($"deliveries/{deliveryId}");
        Assert.Equal(1, delivery.GetProperty("attempt_count").GetInt32());
        Assert.Single(receiver.Received, r => r.Json.GetProperty("data").GetProperty("contact").Str("name") == "Ada");
    }

    [Fact]
    public async Task A_retry_starts_on_time_while_another_endpoints_circuit_is_open_with_its_own_retries_due()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Delivery:RetrySchedule:0"] = "00:00:05",
            ["Delivery:RetryJitter"] = "0",
            ["Delivery:CircuitBreakerThreshold"] = "2",
            ["Delivery:CircuitBreakerCoolDown"] = "00:10:00",
            ["Delivery:IdleCheckInterval"] = "01:00:00",
        }, clock);
        await using var dead = await TestReceiver.StartAsync();
        dead.Respond = _ => Task.FromResult(new ReceiverResponse(500));
        await using var flaky = await TestReceiver.StartAsync();
        var calls = 0;
        flaky.Respond = _ => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? new ReceiverResponse(500) : ReceiverResponse.Ok);
        using var client = server.CreateClient();
        var (deadId, _) = await client.CreateWebhookAsync(dead.Url, "contact.created");
        var (flakyId, _) = await client.CreateWebhookAsync(flaky.Url, "contact.updated");

        // Two failures open the dead endpoint's circuit; 6 s later its retries are due but held back.
        var contact = await client.CreateContactAsync("Ada", "+15550000031");
        await client.CreateContactAsync("Lin", "+15550000032");
        foreach (var delivery in await client.DeliveriesAsync(deadId))
        {
            await server.WaitForDeliveryAsync(client, delivery.Str("id"), d => d.GetProperty("attempt_count").GetInt32() == 1);
        }
        clock.Advance(TimeSpan.FromSeconds(6));
        await client.SendJsonAsync(HttpMethod.Patch, $"contacts/{contact.Str("id")}", new { name = "Ada L." });
        var deliveryId = await server.OnlyDeliveryIdAsync(client, flakyId);
        var first = await server.WaitForDeliveryAsync(client, deliveryId, d => d.GetProperty("attempt_count").GetInt32() == 1);
        var due = first.GetProperty("next_attempt_at").GetDateTimeOffset();

        clock.Advance(due - clock.GetUtcNow());
        var done = await server.WaitForDeliveryAsync(client, deliveryId, d => d.Str("status") == "succeeded", TimeSpan.FromSeconds(10));

        var started = done.GetProperty("attempts")[1].GetProperty("started_at").GetDateTimeOffset();
        Assert.InRange(started - due, TimeSpan.Zero, TimeSpan.FromMilliseconds(5));
        Assert.Equal(2, dead.Received.Count);
    }
}
