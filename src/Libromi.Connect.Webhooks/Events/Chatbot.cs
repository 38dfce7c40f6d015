namespace Libromi.Connect.Webhooks.Events;

/// <summary>An automatic responder to inbound messages, as the API answers it and event data carries it.</summary>
/// <param name="Id">The chatbot id, such as <c>cbt_01JD7Q8T5V3K2M4N6P8R0S2T4V</c>.</param>
/// <param name="Name">The chatbot's name.</param>
/// <param name="Keywords">The keywords that trigger it.</param>
/// <param name="Match"><c>contains</c> (the message contains a keyword) or <c>exact</c> (the whole message is one); both ignore case.</param>
/// <param name="Reply">The reply it sends.</param>
/// <param name="Enabled">Whether it is enabled.</param>
/// <param name="CreatedAt">When the chatbot was created (UTC).</param>
/// <param name="UpdatedAt">When the chatbot last changed (UTC).</param>
public sealed record Chatbot(
    string Id,
    string Name,
    IReadOnlyList<string> Keywords,
    string Match,
    string Reply,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
