namespace Libromi.Connect.Server.Api;

/// <summary>Limits of the public API. Bound from the <c>Api</c> configuration section.</summary>
public sealed class ApiOptions
{
    /// <summary>The largest request body accepted, in bytes. Default 1 MiB; larger bodies answer 413.</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long an <c>Idempotency-Key</c> replays its first response. Default 24 h, as Stripe; after that the same key
    /// runs the request anew, and the stored response is purged.
    /// </summary>
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The server's public base URL, such as <c>https://libromi.example.com</c>: the OpenAPI document's only
    /// <c>servers</c> entry. Default none, and then the document names no server.
    /// </summary>
    public Uri? PublicUrl { get; set; }
}
