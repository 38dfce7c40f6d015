using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>Outside development the server refuses to connect to internal addresses, checked after DNS resolution.</summary>
public sealed class PrivateNetworkTests
{
    [Fact]
    public async Task A_host_name_that_resolves_to_loopback_is_refused_at_connect_time()
    {
        await using var server = await TestServer.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var viaName = new UriBuilder(receiver.Url) { Host = "localhost" }.Uri;
        var (webhookId, _) = await client.CreateWebhookAsync(viaName, "contact.created");

        server.Settings["Delivery:AllowPrivateNetworks"] = "false";
        server.Settings["Delivery:RetrySchedule:0"] = "00:00:00.010";
        server.Settings["Delivery:RetrySchedule:1"] = "00:00:00.010";
        server.Settings["Delivery:RetrySchedule:2"] = "00:00:00.010";
        await server.RestartAsync();
        using var restarted = server.CreateClient();
        await restarted.CreateContactAsync("Ada", "+15550000060");
        var delivery = await restarted.WaitForDeliveryAsync(await restarted.OnlyDeliveryIdAsync(webhookId), d => d.Str("status") == "failed");

        Assert.All(delivery.GetProperty("attempts").EnumerateArray(), a => Assert.Equal("blocked_address", a.Str("error_kind")));
        Assert.Empty(receiver.Received);
    }
}
