using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Dashboard.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Dashboard.Pages;

/// <summary>Signs in with an API key: the session remembers the key's id and scope, never the key.</summary>
public sealed class SignInModel(ApiKeys keys, IOptions<DashboardOptions> options, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? key)
    {
        var access = string.IsNullOrWhiteSpace(key) ? null : await keys.FindAsync(key.Trim(), HttpContext.RequestAborted);
        if (access is null)
        {
            Error = "That API key is not valid. Check that you copied the whole key, and that it was not revoked.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        if (access.AccountDisabled)
        {
            Error = "This account is disabled: an operator has to enable it again before anyone can sign in.";
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        await HttpContext.SignInAsync(DashboardClaims.Scheme, DashboardClaims.ForKey(access),
            new AuthenticationProperties { ExpiresUtc = time.GetUtcNow() + options.Value.SessionLifetime });
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl!.StartsWith(DashboardRegistration.PathPrefix, StringComparison.Ordinal)
            ? ReturnUrl
            : DashboardRegistration.PathPrefix);
    }
}
