namespace Libromi.Connect.Server.Accounts;

/// <summary>What a valid (unrevoked) API key opens: its account, its own id and scope, and whether the account is disabled.</summary>
public sealed record ApiKeyAccess(string AccountId, string KeyId, string Scope, bool AccountDisabled);
