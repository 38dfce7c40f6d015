using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>Each event becomes one delivery per enabled webhook subscribed to its type when it was committed.</summary>
public sealed class FanOutTests
{
    [Fact]
    public async Task Only_enabled_webhooks_subscribed_to_the_type_receive_the_event()
    {
        await using var server = await TestServer.StartAsync();
        await using var contacts = await TestReceiver.StartAsync();
        await using var everything = await TestReceiver.StartAsync();
        await using var messages = await TestReceiver.StartAsync();
        await using var disabled = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        await client.CreateWebhookAsync(contacts.Url, "contact.created");
        await client.CreateWebhookAsync(everything.Url, "*");
        var (messagesId, _) = await client.CreateWebhookAsync(messages.Url, "message.sent");
        var (disabledId, _) = await client.CreateWebhookAsync(disabled.Url, "*");
        await client.SendJsonAsync(HttpMethod.Patch, $"webhooks/{disabledId}", new { enabled = false });

        await client.CreateContactAsync("Ada", "+15550000002");
        Assert.Equal("contact.created", (await contacts.NextAsync()).Json.Str("type"));
        Assert.Equal("contact.created", (await everything.NextAsync()).Json.Str("type"));

        // A message sent afterwards proves the delivery engine is idle, not just slow, for the others.
        var contactId = (await client.GetOkAsync("contacts")).GetProperty("data")[0].Str("id");
        await client.PostOkAsync("messages", new { contact_id = contactId, content = "hello" });
        Assert.Equal("message.sent", (await messages.NextAsync()).Json.Str("type"));
        Assert.Equal("message.sent", (await everything.NextAsync()).Json.Str("type"));

        Assert.Single(contacts.Received);
        Assert.Single(messages.Received);
        Assert.Empty(disabled.Received);
        Assert.Empty(await client.DeliveriesAsync(disabledId));
        Assert.Single(await client.DeliveriesAsync(messagesId));
    }

    [Fact]
    public async Task An_inbound_message_matching_a_chatbot_delivers_four_events_each_once()
    {
        await using var server = await TestServer.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        await client.CreateWebhookAsync(receiver.Url, "*");
        await client.PostOkAsync("chatbots", new { name = "Hours", keywords = new[] { "hours" }, match = "contains", reply = "9 to 5" });

        await client.PostOkAsync("inbound/messages", new { from = "+15550000003", name = "Lin", content = "What are your HOURS?" });
        var requests = await receiver.WaitForCountAsync(4);

        Assert.Equal(
            ["contact.created", "message.received", "chatbot.triggered", "message.sent"],
            requests.OrderBy(r => r.Json.Str("id"), StringComparer.Ordinal).Select(r => r.Json.Str("type")));
        Assert.Equal(4, requests.Select(r => r.Json.Str("id")).Distinct().Count());
    }
}
