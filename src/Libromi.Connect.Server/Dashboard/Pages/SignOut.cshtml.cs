using Libromi.Connect.Server.Dashboard.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Libromi.Connect.Server.Dashboard.Pages;

/// <summary>Ends the session (a post with its antiforgery token, so that no other site can sign anyone out).</summary>
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect(DashboardRegistration.PathPrefix);

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(DashboardClaims.Scheme);
        return Redirect(DashboardRegistration.PathPrefix + "/sign-in");
    }
}
