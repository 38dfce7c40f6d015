using System.Text.Json.Nodes;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Server.Events;

/// <summary>The events Libromi Connect emits. Subscribable types can be named in a webhook's <c>events</c>.</summary>
public static class EventCatalog
{
    // The names come from the receiver library, so the server and its receivers cannot disagree on them.
    public const string ContactCreated = WebhookEventTypes.ContactCreated;
    public const string ContactUpdated = WebhookEventTypes.ContactUpdated;
    public const string MessageReceived = WebhookEventTypes.MessageReceived;
    public const string MessageSent = WebhookEventTypes.MessageSent;
    public const string ChatbotTriggered = WebhookEventTypes.ChatbotTriggered;
    public const string WebhookTest = WebhookEventTypes.WebhookTest;
    public const string Wildcard = "*";

    public static IReadOnlyList<EventType> All { get; } =
    [
        new(ContactCreated, 1, "A new contact was created, through the API or by a message from an unknown number.",
            true, () => new JsonObject { ["contact"] = ExampleContact() }),
        new(ContactUpdated, 2, "A contact's information was updated. 'changed_fields' names what changed and 'previous' holds the old values.",
            true, () => new JsonObject
            {
                ["contact"] = ExampleContact(),
                ["changed_fields"] = new JsonArray("name"),
                ["previous"] = new JsonObject { ["name"] = "Ada" },
            }),
        new(MessageReceived, 4, "A new message was received from a contact.",
            true, () => new JsonObject { ["contact"] = ExampleContact(), ["message"] = ExampleMessage("inbound", "received", "Hi, what are your opening hours?") }),
        new(MessageSent, 8, "A message was sent to a contact, by the API or as a chatbot's reply.",
            true, () => new JsonObject { ["contact"] = ExampleContact(), ["message"] = ExampleMessage("outbound", "sent", "We are open 9 to 5.") }),
        new(ChatbotTriggered, 16, "An inbound message matched an enabled chatbot, which will send its reply.",
            true, () => new JsonObject
            {
                ["chatbot"] = new JsonObject
                {
                    ["id"] = "cbt_01JD7Q8T5V3K2M4N6P8R0S2T4V",
                    ["name"] = "Opening hours",
                    ["keywords"] = new JsonArray("hours", "open"),
                    ["match"] = "contains",
                    ["reply"] = "We are open 9 to 5.",
                    ["enabled"] = true,
                    ["created_at"] = "2026-01-31T12:00:00.000Z",
                    ["updated_at"] = "2026-01-31T12:00:00.000Z",
                },
                ["contact"] = ExampleContact(),
                ["message"] = ExampleMessage("inbound", "received", "Hi, what are your opening hours?"),
            }),
        new(WebhookTest, 32, "A test ping sent by POST /webhooks/{id}/test to that endpoint alone.",
            false, () => new JsonObject
            {
                ["webhook"] = new JsonObject { ["id"] = "whk_01JD7Q8T5V3K2M4N6P8R0S2T4V", ["url"] = "https://example.com/webhook" },
                ["message"] = "This is a test event from Libromi Connect.",
            }),
    ];

    public static IReadOnlyList<string> SubscribableNames { get; } = All.Where(t => t.Subscribable).Select(t => t.Name).ToArray();

    public static long AllSubscribableBits { get; } = All.Where(t => t.Subscribable).Aggregate(0L, (mask, t) => mask | t.Bit);

    public static EventType? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>The subscription mask of a stored event list (catalog names, or <c>*</c> for all).</summary>
    public static long MaskOf(IEnumerable<string> names) =>
        names.Aggregate(0L, (mask, name) => mask | (name == Wildcard ? AllSubscribableBits : Find(name)?.Bit ?? 0));

    private static JsonObject ExampleContact() => new()
    {
        ["id"] = "con_01JD7Q8T5V3K2M4N6P8R0S2T4V",
        ["name"] = "Ada Lovelace",
        ["phone"] = "+441234567890",
        ["email"] = "ada@example.com",
        ["attributes"] = new JsonObject { ["plan"] = "gold" },
        ["created_at"] = "2026-01-31T12:00:00.000Z",
        ["updated_at"] = "2026-01-31T12:00:00.000Z",
    };

    private static JsonObject ExampleMessage(string direction, string status, string content) => new()
    {
        ["id"] = "msg_01JD7Q8T5V3K2M4N6P8R0S2T4V",
        ["contact_id"] = "con_01JD7Q8T5V3K2M4N6P8R0S2T4V",
        ["direction"] = direction,
        ["type"] = "text",
        ["content"] = content,
        ["status"] = status,
        ["created_at"] = "2026-01-31T12:00:00.000Z",
    };
}
