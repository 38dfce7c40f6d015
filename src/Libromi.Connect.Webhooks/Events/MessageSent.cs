namespace Libromi.Connect.Webhooks.Events;

/// <summary>Data of <c>message.sent</c>: a message was sent to a contact, through the API or as a chatbot's reply.</summary>
/// <param name="Contact">The contact it was sent to.</param>
/// <param name="Message">The outbound message.</param>
public sealed record MessageSent(Contact Contact, Message Message) : IContactEventData
{
    /// <inheritdoc/>
    public static string EventType => WebhookEventTypes.MessageSent;
}
