namespace Libromi.Connect.Webhooks.Events;

/// <summary>Data of <c>contact.created</c>: a contact was created through the API or by a message from an unknown number.</summary>
/// <param name="Contact">The new contact.</param>
public sealed record ContactCreated(Contact Contact) : IContactEventData
{
    /// <inheritdoc/>
    public static string EventType => WebhookEventTypes.ContactCreated;
}
