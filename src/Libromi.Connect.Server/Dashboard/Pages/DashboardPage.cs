using Libromi.Connect.Server.Dashboard.Sessions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Libromi.Connect.Server.Dashboard.Pages;

/// <summary>
/// What every signed-in page shares: its account, whether it is a portal session, and the rule that a session signed
/// in with a <c>read</c> key changes nothing: its forms are not shown, and a post sent anyway is refused with 403.
/// </summary>
public abstract class DashboardPage : PageModel
{
    /// <summary>The navigation entry this page belongs to, for the menu to mark.</summary>
    public abstract string Section { get; }

    /// <summary>
    /// A line to show once after a redirect (saved, rotated, revoked...), kept in the TempData cookie. Read and written
    /// on demand rather than bound with <c>[TempData]</c>: a bound property loads (and so re-saves or deletes) the cookie
    /// on every request, and a live request answered between a form's redirect and the page it leads to would then
    /// wipe the notice before that page could show it.
    /// </summary>
    public string? Notice
    {
        get => TempData[nameof(Notice)] as string;
        set => TempData[nameof(Notice)] = value;
    }

    public string AccountId => User.AccountId();

    public bool IsPortal => User.IsPortal();

    public bool CanWrite => User.CanWrite();

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method) && !CanWrite)
        {
            context.Result = new RedirectToPageResult("/Forbidden", new { reason = "read-only" });
            return;
        }
        await next();
    }

    protected CancellationToken Aborted => HttpContext.RequestAborted;
}
