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
        new(ContactCreated, 1, "A new contact was created, through the API or by a message from an unknown number.", true, EventExamples.ContactCreated),
        new(ContactUpdated, 2, "A contact's information was updated. 'changed_fields' names what changed and 'previous' holds the old values.",
            true, EventExamples.ContactUpdated),
        new(MessageReceived, 4, "A new message was received from a contact.", true, EventExamples.MessageReceived),
        new(MessageSent, 8, "A message was sent to a contact, by the API or as a chatbot's reply.", true, EventExamples.MessageSent),
        new(ChatbotTriggered, 16, "An inbound message matched an enabled chatbot, which will send its reply.", true, EventExamples.ChatbotTriggered),
        new(WebhookTest, 32, "A test ping sent by POST /webhooks/{id}/test to that endpoint alone.", false, EventExamples.WebhookTest),
    ];

    /// <summary>The data of a <c>webhook.test</c> ping to one webhook.</summary>
    public static WebhookTest TestPing(string webhookId, string url) =>
        new(new WebhookReference(webhookId, url), "This is a test event from Libromi Connect.");

    public static IReadOnlyList<string> SubscribableNames { get; } = All.Where(t => t.Subscribable).Select(t => t.Name).ToArray();

    public static long AllSubscribableBits { get; } = All.Where(t => t.Subscribable).Aggregate(0L, (mask, t) => mask | t.Bit);

    public static EventType? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>The subscription mask of a stored event list (catalog names, or <c>*</c> for all).</summary>
    public static long MaskOf(IEnumerable<string> names) =>
        names.Aggregate(0L, (mask, name) => mask | (name == Wildcard ? AllSubscribableBits : Find(name)?.Bit ?? 0));
}
