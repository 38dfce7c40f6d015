namespace Libromi.Connect.Webhooks.Events;

/// <summary>Data of <c>message.received</c>: a contact sent a message.</summary>
/// <param name="Contact">The contact who sent it.</param>
/// <param name="Message">The inbound message.</param>
public sealed record MessageReceived(Contact Contact, Message Message) : IContactEventData
{
    /// <inheritdoc/>
    public static string EventType => WebhookEventTypes.MessageReceived;
}
