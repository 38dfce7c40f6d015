namespace Libromi.Connect.Server.Accounts.Admin;

/// <summary>The answer of <c>POST /admin/v1/accounts</c>: the account and its first API key, whose <c>key</c> is shown only here.</summary>
public sealed record CreatedAccount(Account Account, ApiKey ApiKey);
