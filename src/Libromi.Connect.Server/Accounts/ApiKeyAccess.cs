namespace Libromi.Connect.Server.Accounts;

/// <summary>
/// What a valid (unrevoked) API key opens: its account, its own id and scope, whether the account is disabled, and the
/// account's default region for phone numbers in national format (null: international format only).
/// </summary>
public sealed record ApiKeyAccess(string AccountId, string KeyId, string Scope, bool AccountDisabled, string? DefaultRegion = null);
