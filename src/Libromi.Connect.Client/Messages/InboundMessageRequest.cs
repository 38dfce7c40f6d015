namespace Libromi.Connect.Client;

/// <summary>
/// A message a channel received from a phone number, reported with <see cref="MessagesClient.ReceiveAsync"/>. An unknown
/// number becomes a new contact.
/// </summary>
public sealed record InboundMessageRequest
{
    /// <summary>The sender's phone number with its country code; required.</summary>
    public required string From { get; init; }

    /// <summary>The sender's name, used when the number creates a new contact. Default: none (the number is the name).</summary>
    public string? Name { get; init; }

    /// <summary>The message text; required, not blank.</summary>
    public required string Content { get; init; }
}
