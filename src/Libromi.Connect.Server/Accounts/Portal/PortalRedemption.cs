namespace Libromi.Connect.Server.Accounts.Portal;

/// <summary>A portal link redeemed: the account it opens, and when the session it starts ends (the link's expiry).</summary>
public sealed record PortalRedemption(string AccountId, DateTimeOffset ExpiresAt);
