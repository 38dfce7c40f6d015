using System.Text;

namespace Libromi.Connect.Server.Api;

/// <summary>
/// Enforces the documented request header limits with a problem+json 431. Kestrel answers its own limits with a bare
/// 431 before any middleware runs, so its limits are set to twice these (<see cref="KestrelTotalSize"/>,
/// <see cref="KestrelCount"/>) and this middleware answers everything between.
/// </summary>
public sealed class RequestHeaderLimits(RequestDelegate next)
{
    public const int MaxTotalSize = 32 * 1024;
    public const int MaxCount = 100;
    public const int KestrelTotalSize = 2 * MaxTotalSize;
    public const int KestrelCount = 2 * MaxCount;

    public Task InvokeAsync(HttpContext context)
    {
        var count = 0;
        var size = 0;
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                count++;
                // As Kestrel counts a header line: "name: value" and its CRLF.
                size += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value ?? "") + 4;
            }
        }
        if (size > MaxTotalSize)
        {
            throw TooLarge($"The request headers take {size} bytes; this server accepts at most 32 KiB ({MaxTotalSize} bytes). Send fewer or shorter headers.");
        }
        if (count > MaxCount)
        {
            throw TooLarge($"The request has {count} header fields; this server accepts at most {MaxCount}. Send fewer headers.");
        }
        return next(context);
    }

    private static ApiException TooLarge(string detail) =>
        new(StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large", detail);
}
