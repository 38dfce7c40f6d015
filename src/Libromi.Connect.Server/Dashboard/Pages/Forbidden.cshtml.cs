using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Libromi.Connect.Server.Dashboard.Pages;

/// <summary>Where a refused page or post lands, answered 403.</summary>
public sealed class ForbiddenModel : PageModel
{
    public bool ReadOnly { get; private set; }

    public void OnGet(string? reason)
    {
        ReadOnly = reason == "read-only";
        Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}
