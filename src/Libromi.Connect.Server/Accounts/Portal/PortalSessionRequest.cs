namespace Libromi.Connect.Server.Accounts.Portal;

/// <summary>Body of <c>POST /api/v1/portal-sessions</c>: how long the link may wait to be opened, in seconds (default 3600, 60 to 86400).</summary>
public sealed record PortalSessionRequest(long? ExpiresIn);
