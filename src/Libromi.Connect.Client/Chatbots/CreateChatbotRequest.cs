namespace Libromi.Connect.Client;

/// <summary>A new chatbot for <see cref="ChatbotsClient.CreateAsync"/>.</summary>
public sealed record CreateChatbotRequest
{
    /// <summary>The chatbot's name; required, at most 200 characters.</summary>
    public required string Name { get; init; }

    /// <summary>The words or phrases that trigger the reply; required, 1 to 50 of at most 100 characters each.</summary>
    public required IReadOnlyList<string> Keywords { get; init; }

    /// <summary>The text sent back to the contact; required.</summary>
    public required string Reply { get; init; }

    /// <summary><c>contains</c> or <c>exact</c>. Default: <c>contains</c>.</summary>
    public string? Match { get; init; }

    /// <summary>Whether the chatbot answers. Default: true.</summary>
    public bool? Enabled { get; init; }
}
