namespace Libromi.Connect.Webhooks.Events;

/// <summary>A message to or from a contact, as the API answers it and event data carries it.</summary>
/// <param name="Id">The message id, such as <c>msg_01JD7Q8T5V3K2M4N6P8R0S2T4V</c>.</param>
/// <param name="ContactId">The id of the contact the message is to or from.</param>
/// <param name="Direction"><c>inbound</c> (from the contact) or <c>outbound</c> (to the contact).</param>
/// <param name="Type">The message type; currently always <c>text</c>.</param>
/// <param name="Content">The message text.</param>
/// <param name="Status"><c>received</c> for inbound messages, <c>sent</c> for outbound ones.</param>
/// <param name="CreatedAt">When the message was received or sent (UTC).</param>
public sealed record Message(
    string Id,
    string ContactId,
    string Direction,
    string Type,
    string Content,
    string Status,
    DateTimeOffset CreatedAt);
