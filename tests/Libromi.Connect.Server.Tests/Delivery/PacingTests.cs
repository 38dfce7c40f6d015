using System.Net;
using Libromi.Connect.Server.Tests.Delivery.Engine;
using Libromi.Connect.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>Rate limits and Retry-After as a receiver sees them: real server, real HTTP, real clock or a fake one.</summary>
public sealed class PacingTests
{
    [Fact]
    public async Task A_rate_limited_endpoint_never_sees_more_than_its_limit_in_any_second_and_every_delivery_arrives_once()
    {
        const int limit = 8;
        const int events = 24;
        await using var receiver = await TestReceiver.StartAsync();
        await using var other = await TestReceiver.StartAsync();
        // A margin far wider than the default: this machine runs other tests at the same time (see MultiNodeRateLimitTests).
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Delivery:RateLimitMargin"] = "00:00:00.600" });
        using var client = server.CreateClient();
        var limited = (await client.PostOkAsync("webhooks", new { url = receiver.Url, events = new[] { "contact.created" }, rate_limit = limit })).Str("id");
        await client.CreateWebhookAsync(other.Url, "contact.created");

        for (var i = 0; i < events; i++)
        {
            await client.CreateContactAsync($"Paced {i}", $"+1555300{i:D4}");
        }
        // The unlimited endpoint is not held back by its neighbour's budget.
        await other.WaitForCountAsync(events);
        var arrived = await receiver.WaitForCountAsync(events, TimeSpan.FromSeconds(30));

        Assert.Equal(events, arrived.Select(r => r.Header("webhook-id")).Distinct().Count());
        var deliveries = await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(limited), d => d.Length == events && d.All(x => x.Str("status") == "succeeded"));
        // Waiting for the budget is no attempt: each delivery was attempted once.
        Assert.All(deliveries, d => Assert.Equal(1, d.GetProperty("attempt_count").GetInt32()));
        // At the receiver, over the whole run, no faster than the limit; in no second did the server start more than
        // the limit (second by second at the receiver this holds within the margin; see MultiNodeRateLimitTests).
        var span = arrived.Max(r => r.ReceivedAt) - arrived.Min(r => r.ReceivedAt);
        Assert.True(span >= TimeSpan.FromSeconds((double)(events - limit) / limit), $"{events} deliveries arrived within {span}.");
        Assert.InRange(RateBudgetTests.MostInAnySecond(await client.AttemptStartsAsync(limited)), 1, limit);
    }

    [Fact]
    public async Task A_429_with_Retry_After_pauses_the_whole_endpoint_and_leaves_other_endpoints_alone()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        var busy = 1;
        receiver.Respond = _ => Task.FromResult(Interlocked.Exchange(ref busy, 0) == 1
            ? new ReceiverResponse(429, Headers: new Dictionary<string, string> { ["Retry-After"] = "120" })
            : ReceiverResponse.Ok);
        await using var other = await TestReceiver.StartAsync();
        await using var server = await TestServer.StartAsync(time: clock);
        using var client = server.CreateClient();
        var (paused, _) = await client.CreateWebhookAsync(receiver.Url, "contact.created");
        await client.CreateWebhookAsync(other.Url, "contact.created");

        await client.CreateContactAsync("Asks for a pause", "+15553100000");
        await receiver.WaitForCountAsync(1);
        var first = await server.OnlyDeliveryIdAsync(client, paused);
        await server.WaitForDeliveryAsync(client, first, d => d.GetProperty("attempt_count").GetInt32() == 1);
        var pauseEnds = clock.GetUtcNow().AddSeconds(120);

        for (var i = 1; i <= 3; i++)
        {
            await client.CreateContactAsync($"During the pause {i}", $"+1555310000{i}");
        }
        await other.WaitForCountAsync(4);
        clock.Advance(TimeSpan.FromSeconds(60));
        await client.CreateContactAsync("Still paused", "+15553100009");
        await other.WaitForCountAsync(5);

        Assert.Single(receiver.Received);
        var waiting = await client.DeliveriesAsync(paused, "pending");
        Assert.Equal(5, waiting.Length);
        Assert.All(waiting, d => Assert.True(d.GetProperty("next_attempt_at").GetDateTimeOffset() >= pauseEnds.AddMilliseconds(-1), d.GetRawText()));

        clock.Advance(TimeSpan.FromSeconds(61));
        await receiver.WaitForCountAsync(6);
        await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(paused, "succeeded"), d => d.Length == 5);
    }

    [Fact]
    public async Task A_429_without_Retry_After_holds_the_endpoint_for_a_back_off_and_the_others_go_on()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        var throttled = 1;
        receiver.Respond = _ => Task.FromResult(Interlocked.Exchange(ref throttled, 0) == 1 ? new ReceiverResponse(429) : ReceiverResponse.Ok);
        await using var other = await TestReceiver.StartAsync();
        await using var server = await TestServer.StartAsync(time: clock);
        using var client = server.CreateClient();
        var (slowed, _) = await client.CreateWebhookAsync(receiver.Url, "contact.created");
        await client.CreateWebhookAsync(other.Url, "contact.created");

        await client.CreateContactAsync("Too many", "+15553200000");
        await receiver.WaitForCountAsync(1);
        await server.WaitForDeliveryAsync(client, await server.OnlyDeliveryIdAsync(client, slowed), d => d.GetProperty("attempt_count").GetInt32() == 1);
        await client.CreateContactAsync("Held for the back-off 1", "+15553200001");
        await client.CreateContactAsync("Held for the back-off 2", "+15553200002");
        await other.WaitForCountAsync(3);

        Assert.Single(receiver.Received);
        clock.Advance(TimeSpan.FromSeconds(1));
        await receiver.WaitForCountAsync(3);
        // The throttled delivery itself follows its retry schedule (5 s ± 20%).
        clock.Advance(TimeSpan.FromSeconds(6));
        await receiver.WaitForCountAsync(4);
        await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(slowed, "succeeded"), d => d.Length == 3);
    }
}
