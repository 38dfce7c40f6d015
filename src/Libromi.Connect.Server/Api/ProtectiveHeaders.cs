namespace Libromi.Connect.Server.Api;

/// <summary>
/// Marks every answer <c>Cache-Control: no-store</c> (API answers carry account data, and a signing secret at times)
/// and <c>X-Content-Type-Options: nosniff</c>. Set when the response starts, so that problem answers written by the
/// exception handler, which clears the headers first, carry them too.
/// </summary>
public sealed class ProtectiveHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.CacheControl = "no-store";
            headers.XContentTypeOptions = "nosniff";
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}
