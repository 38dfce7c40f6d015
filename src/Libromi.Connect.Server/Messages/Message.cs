namespace Libromi.Connect.Server.Messages;

/// <summary>A message to (<c>outbound</c>) or from (<c>inbound</c>) a contact.</summary>
public sealed record Message(
    string Id,
    string ContactId,
    string Direction,
    string Type,
    string Content,
    string Status,
    DateTimeOffset CreatedAt);
