using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>A slow or dead endpoint only slows itself.</summary>
public sealed class IsolationTests
{
    [Fact]
    public async Task A_hanging_endpoint_does_not_hold_back_deliveries_to_a_healthy_one()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Delivery:MaxConcurrencyPerEndpoint"] = "4",
            // Longer than any run of this test: no attempt to the hanging endpoint ends before every assertion is done.
            ["Delivery:Timeout"] = "01:00:00",
        });
        await using var hanging = await TestReceiver.StartAsync();
        await using var healthy = await TestReceiver.StartAsync();
        hanging.Respond = _ => Task.FromResult(ReceiverResponse.Hang);
        using var client = server.CreateClient();
        await client.CreateWebhookAsync(hanging.Url, "contact.created");
        await client.CreateWebhookAsync(healthy.Url, "contact.created");

        for (var i = 0; i < 40; i++)
        {
            await client.CreateContactAsync($"Contact {i}", $"+1555100{i:0000}");
        }

        // All 40 arrive while the hanging endpoint still holds its first attempts, however long they take to arrive.
        var delivered = await healthy.WaitForCountAsync(40);
        await hanging.WaitForCountAsync(4);
        Assert.Equal(40, delivered.Select(r => r.Json.Str("id")).Distinct().Count());
        Assert.Equal(4, hanging.Received.Count);
    }
}
