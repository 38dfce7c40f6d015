using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Dashboard;

/// <summary>
/// The headers of every dashboard answer: a Content-Security-Policy that runs only our own script and style files
/// (nothing inline, nothing from another origin), framing only by <see cref="DashboardOptions.FrameAncestors"/>, and
/// no referrer, since a portal link carries its token in the address.
/// </summary>
public sealed class DashboardHeaders(RequestDelegate next, IOptions<DashboardOptions> options)
{
    private readonly string _policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors "
        + (options.Value.Embeddable ? string.Join(' ', options.Value.FrameAncestors) : "'none'");

    private readonly bool _embeddable = options.Value.Embeddable;

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = _policy;
        headers["Referrer-Policy"] = "no-referrer";
        if (!_embeddable)
        {
            headers.XFrameOptions = "DENY";
        }
        return next(context);
    }

    /// <summary>An origin: http or https, a host, maybe a port, and nothing after it.</summary>
    public static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.PathAndQuery == "/"
        && !value.EndsWith('/') && uri.UserInfo.Length == 0;
}
