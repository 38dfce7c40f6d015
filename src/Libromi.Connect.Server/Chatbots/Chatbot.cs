namespace Libromi.Connect.Server.Chatbots;

/// <summary>
/// Replies automatically to inbound messages. <see cref="Match"/> is <c>contains</c> (the message contains a keyword)
/// or <c>exact</c> (the whole message is a keyword); both ignore case.
/// </summary>
public sealed record Chatbot(
    string Id,
    string Name,
    IReadOnlyList<string> Keywords,
    string Match,
    string Reply,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
