namespace Libromi.Connect.Webhooks.Events;

/// <summary>Data of <c>chatbot.triggered</c>: an inbound message matched an enabled chatbot, which will send its reply.</summary>
/// <param name="Chatbot">The chatbot that matched.</param>
/// <param name="Contact">The contact who sent the message.</param>
/// <param name="Message">The inbound message that matched.</param>
public sealed record ChatbotTriggered(Chatbot Chatbot, Contact Contact, Message Message) : IContactEventData
{
    /// <inheritdoc/>
    public static string EventType => WebhookEventTypes.ChatbotTriggered;
}
