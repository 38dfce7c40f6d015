namespace Libromi.Connect.Webhooks.Events;

/// <summary>
/// The <c>data</c> of an event about one contact (every type in the catalog except <c>webhook.test</c>): its
/// <c>data.contact</c>. A webhook with <c>ordering: "contact"</c> receives the events of one contact in order.
/// </summary>
public interface IContactEventData : IWebhookEventData
{
    /// <summary>The contact the event is about.</summary>
    Contact Contact { get; }
}
