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
    public const string DeliveryFailed = WebhookEventTypes.DeliveryFailed;
    public const string WebhookDisabled = WebhookEventTypes.WebhookDisabled;
    public const string WebhookRecovered = WebhookEventTypes.WebhookRecovered;
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
        new(DeliveryFailed, 64, "Operational: a delivery ended failed after its last attempt. Never sent to the webhook it is about; not in [\"*\"].",
            true, EventExamples.DeliveryFailed, Operational: true),
        new(WebhookDisabled, 128, "Operational: the delivery engine disabled a webhook, failing for Delivery:DisableAfter or answering 410 Gone. Never sent to the webhook it is about; not in [\"*\"].",
            true, EventExamples.WebhookDisabled, Operational: true),
        new(WebhookRecovered, 256, "Operational: a webhook that was failing had its first successful attempt. Never sent to the webhook it is about; not in [\"*\"].",
            true, EventExamples.WebhookRecovered, Operational: true),
    ];

    /// <summary>The data of a <c>webhook.test</c> ping to one webhook.</summary>
    public static WebhookTest TestPing(string webhookId, string url) =>
        new(new WebhookReference(webhookId, url), "This is a test event from Libromi Connect.");

    public static IReadOnlyList<string> SubscribableNames { get; } = All.Where(t => t.Subscribable).Select(t => t.Name).ToArray();

    /// <summary>
    /// What <c>["*"]</c> subscribes to: the platform's events, the seed's five. Operational events are named one by one, so
    /// a catch-all endpoint is not sent reports about other endpoints, and <c>*</c> keeps the meaning it was stored with.
    /// </summary>
    public static long WildcardBits { get; } = All.Where(t => t.Subscribable && !t.Operational).Aggregate(0L, (mask, t) => mask | t.Bit);

    public static EventType? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>Whether <paramref name="name"/> is an operational event: one the delivery engine emits about deliveries and webhooks.</summary>
    public static bool IsOperational(string name) => Find(name)?.Operational == true;

    /// <summary>The subscription mask of a stored event list (catalog names, or <c>*</c> for the platform's events).</summary>
    public static long MaskOf(IEnumerable<string> names) =>
        names.Aggregate(0L, (mask, name) => mask | (name == Wildcard ? WildcardBits : Find(name)?.Bit ?? 0));
}
