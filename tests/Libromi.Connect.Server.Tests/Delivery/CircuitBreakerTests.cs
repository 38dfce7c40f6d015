using Libromi.Connect.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>An endpoint that keeps failing is left alone for a while, without its deliveries using up their retries.</summary>
public sealed class CircuitBreakerTests
{
    [Fact]
    public async Task After_three_failures_in_a_row_new_deliveries_wait_for_the_cool_down_and_then_flow_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        var healthy = false;
        receiver.Respond = _ => Task.FromResult(Volatile.Read(ref healthy) ? ReceiverResponse.Ok : new ReceiverResponse(500));
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Delivery:CircuitBreakerThreshold"] = "3",
            ["Delivery:CircuitBreakerCoolDown"] = "00:10:00",
        }, clock);
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url, "contact.created");

        for (var i = 0; i < 3; i++)
        {
            await client.CreateContactAsync($"Failing {i}", $"+1555200000{i}");
            await receiver.WaitForCountAsync(i + 1);
        }
        foreach (var delivery in await client.DeliveriesAsync(webhookId))
        {
            await client.WaitForDeliveryAsync(delivery.Str("id"), d => d.GetProperty("attempt_count").GetInt32() == 1);
        }
        await client.CreateContactAsync("Held back", "+15552000009");
        // The retries of the first three fall due after 5 s; the open circuit holds them and the new one back.
        clock.Advance(TimeSpan.FromSeconds(7));
        await using var other = await TestReceiver.StartAsync();
        await client.CreateWebhookAsync(other.Url, "contact.updated");
        var contactId = (await client.GetOkAsync("contacts?limit=1")).GetProperty("data")[0].Str("id");
        await client.SendJsonAsync(HttpMethod.Patch, $"contacts/{contactId}", new { name = "Wakes the dispatcher" });
        await other.NextAsync();

        Assert.Equal(3, receiver.Received.Count);
        var waiting = await client.DeliveriesAsync(webhookId, "pending");
        Assert.Equal(4, waiting.Length);
        Assert.Contains(waiting, d => d.GetProperty("attempt_count").GetInt32() == 0);
        // Moved out of leasing's way until the circuit reopens, and shown so in the API.
        Assert.All(waiting, d => Assert.True(d.GetProperty("next_attempt_at").GetDateTimeOffset() > clock.GetUtcNow().AddMinutes(9), d.ToString()));

        Volatile.Write(ref healthy, true);
        clock.Advance(TimeSpan.FromMinutes(10));
        await receiver.WaitForCountAsync(7);
        foreach (var delivery in waiting)
        {
            await client.WaitForDeliveryAsync(delivery.Str("id"), d => d.Str("status") == "succeeded");
        }
    }
}
