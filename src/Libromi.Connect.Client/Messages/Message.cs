namespace Libromi.Connect.Client;

/// <summary>A message sent to a contact (<c>outbound</c>) or received from one (<c>inbound</c>).</summary>
public sealed record Message
{
    /// <summary>The message's id, starting with <c>msg_</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The contact the message was sent to or received from.</summary>
    public required string ContactId { get; init; }

    /// <summary><c>outbound</c> for a message sent to the contact, <c>inbound</c> for one received from the contact.</summary>
    public required string Direction { get; init; }

    /// <summary>The kind of content; currently always <c>text</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The message text.</summary>
    public required string Content { get; init; }

    /// <summary><c>sent</c> for outbound messages, <c>received</c> for inbound ones.</summary>
    public required string Status { get; init; }

    /// <summary>When the message was sent or received.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
