namespace Libromi.Connect.Client;

/// <summary>An automatic reply to inbound messages that match one of its keywords.</summary>
public sealed record Chatbot
{
    /// <summary>The chatbot's id, starting with <c>cbt_</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The chatbot's name.</summary>
    public required string Name { get; init; }

    /// <summary>The words or phrases that trigger the reply.</summary>
    public required IReadOnlyList<string> Keywords { get; init; }

    /// <summary>
    /// <c>contains</c> (the message contains a keyword) or <c>exact</c> (the whole message is a keyword); both ignore case.
    /// </summary>
    public required string Match { get; init; }

    /// <summary>The text sent back to the contact.</summary>
    public required string Reply { get; init; }

    /// <summary>Whether the chatbot answers.</summary>
    public bool Enabled { get; init; }

    /// <summary>When the chatbot was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the chatbot last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
