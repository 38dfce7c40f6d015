using Libromi.Connect.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>An endpoint that keeps failing is left alone for a while, without its deliveries using up their retries.</summary>
public sealed class CircuitBreakerTests
{
    [Fact]
    public async Task After_three_failures_in_a_row_deliveries_wait_while_probes_fail_and_flow_once_one_succeeds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        var healthy = false;
        receiver.Respond = _ => Task.FromResult(Volatile.Read(ref healthy) ? ReceiverResponse.Ok : new ReceiverResponse(500));
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Delivery:CircuitBreakerThreshold"] = "3",
            ["Delivery:CircuitBreakerCoolDown"] = "00:10:00",
            ["Delivery:CircuitBreakerMaxCoolDown"] = "01:00:00",
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
            await server.WaitForDeliveryAsync(client, delivery.Str("id"), d => d.GetProperty("attempt_count").GetInt32() == 1);
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

        // The cool-down ends: one probe goes out, fails, and the circuit opens again for twice as long. The others, due
        // by now, are moved out of the way of leasing for as long as a failed probe keeps the circuit open.
        clock.Advance(TimeSpan.FromMinutes(10));
        await receiver.WaitForCountAsync(4);
        var reopened = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        // The probe itself follows its own retry schedule (and was updated); the three others wait for the circuit.
        await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(webhookId, "pending"),
            pending => pending.Count(d => d.GetProperty("updated_at").GetDateTimeOffset() < reopened
                && d.GetProperty("next_attempt_at").GetDateTimeOffset() >= reopened.AddMinutes(20)) == 3);
        Assert.Equal(4, receiver.Received.Count);

        Volatile.Write(ref healthy, true);
        clock.Advance(TimeSpan.FromMinutes(20));
        await receiver.WaitForCountAsync(8);
        foreach (var delivery in waiting)
        {
            await server.WaitForDeliveryAsync(client, delivery.Str("id"), d => d.Str("status") == "succeeded");
        }
    }
}
