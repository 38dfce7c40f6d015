using Libromi.Connect.Server.Accounts.Portal;
using Libromi.Connect.Server.Dashboard.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Libromi.Connect.Server.Dashboard.Pages;

/// <summary>
/// Opens a portal link: the first visit before it expires signs in to its account's webhooks until the link's expiry,
/// and the token is spent; any later visit, or one after expiry, is answered 410 and signs nobody in.
/// </summary>
public sealed class PortalModel(PortalSessions sessions) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? token)
    {
        if (string.IsNullOrEmpty(token) || await sessions.RedeemAsync(token, HttpContext.RequestAborted) is not { } redeemed)
        {
            await HttpContext.SignOutAsync(DashboardClaims.Scheme);
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }
        await HttpContext.SignInAsync(DashboardClaims.Scheme, DashboardClaims.ForPortal(redeemed.AccountId),
            new AuthenticationProperties { ExpiresUtc = redeemed.ExpiresAt });
        return Redirect(DashboardRegistration.PathPrefix + "/webhooks");
    }
}
