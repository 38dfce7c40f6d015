using Libromi.Connect.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>An endpoint the engine holds back costs the others nothing: leasing does not walk its due deliveries again and again.</summary>
public sealed class FairSharingTests
{
    [Fact]
    public async Task Deliveries_falling_due_while_a_circuit_is_open_are_moved_to_its_reopening_by_the_lease_that_meets_them_and_sent_once_it_closes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var failing = await TestReceiver.StartAsync();
        var healthy = false;
        failing.Respond = _ => Task.FromResult(Volatile.Read(ref healthy) ? ReceiverResponse.Ok : new ReceiverResponse(500));
        await using var other = await TestReceiver.StartAsync();
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Delivery:CircuitBreakerThreshold"] = "3",
            ["Delivery:CircuitBreakerCoolDown"] = "00:10:00",
        }, clock);
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(failing.Url, "contact.created");
        await client.CreateWebhookAsync(other.Url, "contact.updated");
        for (var i = 0; i < 3; i++)
        {
            await client.CreateContactAsync($"Failing {i}", $"+1555300000{i}");
            await failing.WaitForCountAsync(i + 1);
        }
        foreach (var delivery in await client.DeliveriesAsync(webhookId))
        {
            await server.WaitForDeliveryAsync(client, delivery.Str("id"), d => d.GetProperty("attempt_count").GetInt32() == 1);
        }
        // The store keeps milliseconds.
        var opened = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());

        // Created while the circuit is open, so due at once: without being moved, every lease until the reopening
        // would walk past them to reach the other endpoints' deliveries.
        for (var i = 0; i < 5; i++)
        {
            await client.CreateContactAsync($"Held {i}", $"+1555300010{i}");
        }
        var contactId = (await client.GetOkAsync("contacts?limit=1")).GetProperty("data")[0].Str("id");
        await client.SendJsonAsync(HttpMethod.Patch, $"contacts/{contactId}", new { name = "Leased behind the held ones" });
        await other.NextAsync();

        var held = (await client.DeliveriesAsync(webhookId, "pending")).Where(d => d.GetProperty("attempt_count").GetInt32() == 0).ToList();
        Assert.Equal(5, held.Count);
        Assert.All(held, d => Assert.True(d.GetProperty("next_attempt_at").GetDateTimeOffset() >= opened.AddMinutes(10),
            $"delivery {d.Str("id")} is still due at {d.GetProperty("next_attempt_at")}"));
        Assert.Equal(3, failing.Received.Count);

        // Nothing is lost: once the probe succeeds, the held deliveries and the retries all go out.
        Volatile.Write(ref healthy, true);
        clock.Advance(TimeSpan.FromMinutes(10));
        await failing.WaitForCountAsync(11);
        foreach (var delivery in held)
        {
            await server.WaitForDeliveryAsync(client, delivery.Str("id"), d => d.Str("status") == "succeeded");
        }
    }
}
