using System.Text.Json;
using Libromi.Connect.Server.Tests.Delivery;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Events.Operational;

/// <summary>The receiver code from the public docs, unchanged, under real Node, verifies the operational events it is sent.</summary>
public sealed class OperationalSeedReceiverTests
{
    [Fact]
    public async Task The_seeds_express_handler_verifies_delivery_failed_and_webhook_disabled()
    {
        await using var server = await TestServer.StartAsync();
        await using var gone = await TestReceiver.StartAsync("/hooks/caf%C3%A9?tenant=%E2%80%A8&a=1");
        gone.Respond = _ => Task.FromResult(new ReceiverResponse(410, Body: "\u2028 gone \"for good\""));
        using var client = server.CreateClient();
        var (_, secret) = await client.CreateWebhookAsync(new Uri("http://127.0.0.1:1/placeholder"), "delivery.failed", "webhook.disabled");
        await using var node = await NodeServer.StartAsync("seed-receiver.js", secret);
        var monitorId = (await client.GetOkAsync("webhooks")).GetProperty("data")[0].Str("id");
        await client.SendJsonAsync(HttpMethod.Patch, $"webhooks/{monitorId}", new { url = $"http://127.0.0.1:{node.Port}/webhook" });
        await client.CreateWebhookAsync(gone.Url, "contact.created");

        await client.CreateContactAsync("Zoë \u2028 👩🏽‍💻", "+15550004101");

        var lines = new[] { await node.NextLineAsync(TimeSpan.FromSeconds(30)), await node.NextLineAsync(TimeSpan.FromSeconds(30)) }
            .Select(l => JsonDocument.Parse(l).RootElement).OrderBy(l => l.Str("type")).ToArray();
        Assert.Equal(["delivery.failed", "webhook.disabled"], lines.Select(l => l.Str("type")));
        Assert.All(lines, l => Assert.True(l.GetProperty("verified").GetBoolean(), l.ToString()));
    }
}
