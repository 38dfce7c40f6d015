namespace Libromi.Connect.Server.Accounts.Admin;

/// <summary>Body of <c>POST /admin/v1/accounts</c>.</summary>
public sealed record CreateAccountRequest(string? Name);
