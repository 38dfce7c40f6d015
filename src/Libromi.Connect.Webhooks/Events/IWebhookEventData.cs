namespace Libromi.Connect.Webhooks.Events;

/// <summary>The typed <c>data</c> of one event type; ties the type to its name on the wire.</summary>
public interface IWebhookEventData
{
    /// <summary>The event type this data belongs to, such as <c>message.received</c>.</summary>
    static abstract string EventType { get; }
}
