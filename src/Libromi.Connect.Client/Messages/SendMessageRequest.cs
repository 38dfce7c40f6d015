namespace Libromi.Connect.Client;

/// <summary>A message to send with <see cref="MessagesClient.SendAsync"/>.</summary>
public sealed record SendMessageRequest
{
    /// <summary>The id of the contact to send to; required.</summary>
    public required string ContactId { get; init; }

    /// <summary>The message text; required, not blank.</summary>
    public required string Content { get; init; }

    /// <summary>The kind of content. Default: <c>text</c>, the only kind supported.</summary>
    public string? Type { get; init; }
}
