using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>A slow or dead endpoint only slows itself.</summary>
public sealed class IsolationTests
{
    [Fact]
    public async Task A_hanging_endpoint_does_not_hold_back_deliveries_to_a_healthy_one()
    {
        // Receivers first, so the server is disposed first and drops the hanging requests.
        await using var hanging = await TestReceiver.StartAsync();
        await using var healthy = await TestReceiver.StartAsync();
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Delivery:MaxConcurrencyPerEndpoint"] = "4",
            ["Delivery:Timeout"] = "00:00:20",
        });
        hanging.Respond = _ => Task.FromResult(new ReceiverResponse(200, Delay: TimeSpan.FromSeconds(20)));
        using var client = server.CreateClient();
        await client.CreateWebhookAsync(hanging.Url, "contact.created");
        await client.CreateWebhookAsync(healthy.Url, "contact.created");

        for (var i = 0; i < 40; i++)
        {
            await client.CreateContactAsync($"Contact {i}", $"+1555100{i:0000}");
        }

        // All 40 arrive long before the hanging endpoint's first attempt times out (20 s).
        var delivered = await healthy.WaitForCountAsync(40, TimeSpan.FromSeconds(15));
        Assert.Equal(40, delivered.Select(r => r.Json.Str("id")).Distinct().Count());
        Assert.Equal(4, hanging.Received.Count);
    }
}
