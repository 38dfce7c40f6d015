using Libromi.Connect.Server.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Libromi.Connect.Server.Dashboard.Sessions;

/// <summary>
/// Checks a session cookie against the store on every request, so that revoking its key or disabling its account ends
/// it at once on every node, as it does for the key itself on the API. A store fault is not a reason to sign anyone
/// out: it escapes, and the request is answered 503.
/// </summary>
public sealed class DashboardSessionCheck(Database database) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } user || !user.IsSignedIn())
        {
            context.RejectPrincipal();
            return;
        }
        var cancellationToken = context.HttpContext.RequestAborted;
        await using var session = await database.OpenSessionAsync(cancellationToken);
        var active = user.KeyId() is { } keyId
            ? await DashboardSessionStore.KeyIsActiveAsync(session, user.AccountId(), keyId, cancellationToken)
            : await DashboardSessionStore.AccountIsEnabledAsync(session, user.AccountId(), cancellationToken);
        if (!active)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(DashboardClaims.Scheme);
        }
    }
}
