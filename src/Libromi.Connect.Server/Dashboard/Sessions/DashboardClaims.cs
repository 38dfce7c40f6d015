using System.Security.Claims;
using Libromi.Connect.Server.Accounts;

namespace Libromi.Connect.Server.Dashboard.Sessions;

/// <summary>
/// What a dashboard session holds: its account, and either the API key it signed in with (by id, never the key) and
/// that key's scope, or the portal link it came through. A portal session manages webhooks and sees their deliveries,
/// nothing else.
/// </summary>
public static class DashboardClaims
{
    public const string Scheme = "Dashboard";
    public const string PortalKind = "portal";
    public const string KeyKind = "key";
    private const string KindClaim = "libromi:session";

    public static ClaimsPrincipal ForKey(ApiKeyAccess access) => new(new ClaimsIdentity(
    [
        new Claim(ApiKeyAuthentication.AccountClaim, access.AccountId),
        new Claim(ApiKeyAuthentication.KeyClaim, access.KeyId),
        new Claim(ApiKeyAuthentication.ScopeClaim, access.Scope),
        new Claim(KindClaim, KeyKind),
    ], Scheme));

    public static ClaimsPrincipal ForPortal(string accountId) => new(new ClaimsIdentity(
    [
        new Claim(ApiKeyAuthentication.AccountClaim, accountId),
        new Claim(ApiKeyAuthentication.ScopeClaim, ApiKeyScope.Full),
        new Claim(KindClaim, PortalKind),
    ], Scheme));

    public static string AccountId(this ClaimsPrincipal user) => user.FindFirst(ApiKeyAuthentication.AccountClaim)!.Value;

    public static string? KeyId(this ClaimsPrincipal user) => user.FindFirst(ApiKeyAuthentication.KeyClaim)?.Value;

    public static bool IsPortal(this ClaimsPrincipal user) => user.HasClaim(KindClaim, PortalKind);

    public static bool CanWrite(this ClaimsPrincipal user) => user.FindFirst(ApiKeyAuthentication.ScopeClaim)?.Value == ApiKeyScope.Full;

    public static bool IsSignedIn(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == KindClaim);
}
