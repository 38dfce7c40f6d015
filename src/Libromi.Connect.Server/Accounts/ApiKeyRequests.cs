namespace Libromi.Connect.Server.Accounts;

/// <summary>Body of <c>POST /api/v1/api-keys</c>. <c>scope</c> is "full" (the default) or "read".</summary>
public sealed record CreateApiKeyRequest(string? Name, string? Scope);
