namespace Libromi.Connect.Client;

/// <summary>Changes for <see cref="ChatbotsClient.UpdateAsync"/>; every property left null keeps its current value.</summary>
public sealed record UpdateChatbotRequest
{
    /// <summary>A new name. Default: unchanged.</summary>
    public string? Name { get; init; }

    /// <summary>New keywords, replacing all current ones. Default: unchanged.</summary>
    public IReadOnlyList<string>? Keywords { get; init; }

    /// <summary>A new reply. Default: unchanged.</summary>
    public string? Reply { get; init; }

    /// <summary><c>contains</c> or <c>exact</c>. Default: unchanged.</summary>
    public string? Match { get; init; }

    /// <summary>Turns the chatbot on or off. Default: unchanged.</summary>
    public bool? Enabled { get; init; }
}
