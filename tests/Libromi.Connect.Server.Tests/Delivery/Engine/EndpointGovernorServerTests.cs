using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Server.Tests.Delivery;
using Libromi.Connect.Server.Tests.Listen;
using Libromi.Connect.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Libromi.Connect.Server.Tests.Delivery.Engine;

/// <summary>The governor inside a running server: endpoints are remembered only while in use.</summary>
public sealed class EndpointGovernorServerTests
{
    [Fact]
    public async Task A_listen_session_leaves_nothing_behind_in_the_governor_once_its_deliveries_are_done()
    {
        await using var server = await TestServer.StartAsync();
        var governor = server.Services.GetRequiredService<EndpointGovernor>();
        using var client = server.CreateClient();
        using var streaming = server.CreateClient();
        streaming.Timeout = Timeout.InfiniteTimeSpan;
        var sessionId = (await client.PostOkAsync("listen", new { events = new[] { "contact.created" } })).Str("id");
        await using var stream = await SseStream.OpenAsync(streaming, sessionId);

        await client.CreateContactAsync("Ada", "+15550000075");
        var (_, delivery) = await stream.NextAsync();
        Assert.Equal(1, governor.Count);
        await client.PostOkAsync($"listen/{sessionId}/results", new { ticket = delivery.Str("ticket"), status_code = 200 });
        await server.WaitForDeliveryAsync(client, delivery.Str("delivery_id"), d => d.Str("status") == "succeeded");

        Assert.Equal(0, governor.Count);
    }
}
