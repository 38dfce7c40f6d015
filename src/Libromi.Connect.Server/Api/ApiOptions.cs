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
}
