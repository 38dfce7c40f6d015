using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Server.Tests.Events;

/// <summary>Every event the server emits, as a receiver parses it, against the API's view of the same objects.</summary>
public sealed class WireFormatTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private TestReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _receiver = await TestReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Every_event_type_parses_with_the_receiver_library_and_matches_the_api_field_by_field()
    {
        using var client = _server.CreateClient();
        var webhook = await client.WebhookAsync(_receiver.Url.ToString());
        var contactId = (await client.PostOkAsync("contacts", new
        {
            name = "Ada Lovelace",
            phone = Seed.Phone(),
            email = "ada@example.com",
            attributes = new { plan = "gold", seats = 3, tags = new[] { "vip" } },
        })).Str("id");
        var asCreated = await client.GetOkAsync($"contacts/{contactId}");
        await client.SendJsonAsync(HttpMethod.Patch, $"contacts/{contactId}", new { name = "Ada King" });
        var contact = await client.GetOkAsync($"contacts/{contactId}");
        await client.PostOkAsync("messages", new { contact_id = contactId, type = "text", content = "Your order has shipped." });
        var chatbot = await client.GetOkAsync($"chatbots/{(await client.ChatbotAsync(["hours"])).Str("id")}");
        await client.PostOkAsync("inbound/messages", new { from = contact.Str("phone"), content = "What are your hours?" });
        await client.PostOkAsync($"webhooks/{webhook.Str("id")}/test");

        var received = await _receiver.WaitForCountAsync(7);
        var messages = (await client.GetOkAsync($"messages?contact_id={contactId}")).GetProperty("data").EnumerateArray()
            .ToDictionary(m => m.Str("id"));
        var types = new List<string>();
        foreach (var request in received)
        {
            Assert.True(WebhookEventParser.TryParse(request.Body, out var parsed, out var error), error);
            types.Add(parsed.Type);
            await AssertSameEnvelopeAsync(client, request.Body, parsed);
            switch (parsed)
            {
                case WebhookEvent<ContactCreated> e:
                    AssertSame(asCreated, e.Data.Contact, e.RawData.GetProperty("contact"));
                    break;
                case WebhookEvent<ContactUpdated> e:
                    AssertSame(contact, e.Data.Contact, e.RawData.GetProperty("contact"));
                    Assert.Equal(["name"], e.Data.ChangedFields);
                    Assert.Equal(asCreated.Str("name"), e.Data.Previous.Str("name"));
                    break;
                case WebhookEvent<MessageReceived> e:
                    AssertSame(contact, e.Data.Contact, e.RawData.GetProperty("contact"));
                    AssertSame(messages[e.Data.Message.Id], e.Data.Message, e.RawData.GetProperty("message"));
                    Assert.Equal("inbound", e.Data.Message.Direction);
                    break;
                case WebhookEvent<MessageSent> e:
                    AssertSame(contact, e.Data.Contact, e.RawData.GetProperty("contact"));
                    AssertSame(messages[e.Data.Message.Id], e.Data.Message, e.RawData.GetProperty("message"));
                    Assert.Equal("outbound", e.Data.Message.Direction);
                    break;
                case WebhookEvent<ChatbotTriggered> e:
                    AssertSame(chatbot, e.Data.Chatbot, e.RawData.GetProperty("chatbot"));
                    AssertSame(contact, e.Data.Contact, e.RawData.GetProperty("contact"));
                    AssertSame(messages[e.Data.Message.Id], e.Data.Message, e.RawData.GetProperty("message"));
                    break;
                case WebhookEvent<WebhookTest> e:
                    Assert.Equal(webhook.Str("id"), e.Data.Webhook.Id);
                    Assert.Equal(webhook.Str("url"), e.Data.Webhook.Url);
                    break;
                default:
                    Assert.Fail($"{parsed.Type} has no typed model in the receiver library.");
                    break;
            }
        }

        // The operational events need failing endpoints: Operational/OperationalEventsTests parses them from real deliveries.
        var catalog = (await client.GetOkAsync("event-types")).GetProperty("data").EnumerateArray()
            .Where(t => !t.GetProperty("operational").GetBoolean()).Select(t => t.Str("name"));
        Assert.Equal(catalog.Order(StringComparer.Ordinal), types.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(2, types.Count(t => t == WebhookEventTypes.MessageSent));
    }

    /// <summary>The envelope matches <c>GET /events/{id}</c>, whose bytes are the body itself.</summary>
    private static async Task AssertSameEnvelopeAsync(HttpClient client, byte[] body, WebhookEvent parsed)
    {
        var stored = await client.GetByteArrayAsync($"events/{parsed.Id}");
        Assert.Equal(stored, body);
        using var api = JsonDocument.Parse(stored);
        Assert.Equal(api.RootElement.Str("type"), parsed.Type);
        Assert.Equal(api.RootElement.GetProperty("created_at").GetDateTimeOffset(), parsed.CreatedAt);
    }

    private static void AssertSame(JsonElement api, Contact contact, JsonElement raw)
    {
        AssertSameFields(api, raw);
        Assert.Equal(api.Str("id"), contact.Id);
        Assert.Equal(api.Str("name"), contact.Name);
        Assert.Equal(api.Str("phone"), contact.Phone);
        Assert.Equal(api.GetProperty("email").GetString(), contact.Email);
        Assert.True(JsonElement.DeepEquals(api.GetProperty("attributes"), contact.Attributes), $"attributes: {contact.Attributes}");
        Assert.Equal(api.GetProperty("created_at").GetDateTimeOffset(), contact.CreatedAt);
        Assert.Equal(api.GetProperty("updated_at").GetDateTimeOffset(), contact.UpdatedAt);
    }

    private static void AssertSame(JsonElement api, Message message, JsonElement raw)
    {
        AssertSameFields(api, raw);
        Assert.Equal(api.Str("id"), message.Id);
        Assert.Equal(api.Str("contact_id"), message.ContactId);
        Assert.Equal(api.Str("direction"), message.Direction);
        Assert.Equal(api.Str("type"), message.Type);
        Assert.Equal(api.Str("content"), message.Content);
        Assert.Equal(api.Str("status"), message.Status);
        Assert.Equal(api.GetProperty("created_at").GetDateTimeOffset(), message.CreatedAt);
    }

    private static void AssertSame(JsonElement api, Chatbot chatbot, JsonElement raw)
    {
        AssertSameFields(api, raw);
        Assert.Equal(api.Str("id"), chatbot.Id);
        Assert.Equal(api.Str("name"), chatbot.Name);
        Assert.Equal(api.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()), chatbot.Keywords);
        Assert.Equal(api.Str("match"), chatbot.Match);
        Assert.Equal(api.Str("reply"), chatbot.Reply);
        Assert.Equal(api.GetProperty("enabled").GetBoolean(), chatbot.Enabled);
        Assert.Equal(api.GetProperty("created_at").GetDateTimeOffset(), chatbot.CreatedAt);
        Assert.Equal(api.GetProperty("updated_at").GetDateTimeOffset(), chatbot.UpdatedAt);
    }

    /// <summary>No field is in one and not the other, and each is spelt the same, down to the millisecond of a time.</summary>
    private static void AssertSameFields(JsonElement api, JsonElement raw)
    {
        Assert.Equal(api.EnumerateObject().Select(p => p.Name), raw.EnumerateObject().Select(p => p.Name));
        foreach (var field in api.EnumerateObject())
        {
            Assert.True(JsonElement.DeepEquals(field.Value, raw.GetProperty(field.Name)), $"{field.Name}: the API has {field.Value}, the event {raw.GetProperty(field.Name)}.");
        }
    }
}
