namespace Libromi.Connect.Server.Accounts.Portal;

/// <summary>A one-time sign-in link to the dashboard for the calling account; it works once, before <c>expires_at</c>.</summary>
public sealed record PortalSession(Uri Url, DateTimeOffset ExpiresAt);
