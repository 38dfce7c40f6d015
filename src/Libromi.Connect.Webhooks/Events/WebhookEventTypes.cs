namespace Libromi.Connect.Webhooks.Events;

/// <summary>The names of the event types Libromi Connect sends, as in the envelope's <c>type</c>.</summary>
public static class WebhookEventTypes
{
    /// <summary>A new contact was created: <c>contact.created</c>.</summary>
    public const string ContactCreated = "contact.created";

    /// <summary>A contact's information was updated: <c>contact.updated</c>.</summary>
    public const string ContactUpdated = "contact.updated";

    /// <summary>A message was received from a contact: <c>message.received</c>.</summary>
    public const string MessageReceived = "message.received";

    /// <summary>A message was sent to a contact: <c>message.sent</c>.</summary>
    public const string MessageSent = "message.sent";

    /// <summary>An inbound message triggered a chatbot: <c>chatbot.triggered</c>.</summary>
    public const string ChatbotTriggered = "chatbot.triggered";

    /// <summary>A test ping sent to one webhook on request: <c>webhook.test</c>.</summary>
    public const string WebhookTest = "webhook.test";

    /// <summary>An operational event: a delivery ended failed after its last attempt: <c>delivery.failed</c>.</summary>
    public const string DeliveryFailed = "delivery.failed";

    /// <summary>An operational event: a webhook was disabled by the engine (failing too long, or 410 Gone): <c>webhook.disabled</c>.</summary>
    public const string WebhookDisabled = "webhook.disabled";

    /// <summary>An operational event: the first success of a webhook after it was failing: <c>webhook.recovered</c>.</summary>
    public const string WebhookRecovered = "webhook.recovered";
}
