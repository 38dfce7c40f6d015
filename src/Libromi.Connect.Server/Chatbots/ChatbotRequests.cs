namespace Libromi.Connect.Server.Chatbots;

/// <summary>Body of <c>POST /api/v1/chatbots</c>. <c>match</c> defaults to "contains", <c>enabled</c> to true.</summary>
public sealed record CreateChatbotRequest(string? Name, string[]? Keywords, string? Match, string? Reply, bool? Enabled);

/// <summary>Body of <c>PATCH /api/v1/chatbots/{id}</c>: absent fields stay as they are.</summary>
public sealed record UpdateChatbotRequest(string? Name, string[]? Keywords, string? Match, string? Reply, bool? Enabled);
