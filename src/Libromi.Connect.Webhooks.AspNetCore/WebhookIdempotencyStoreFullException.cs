namespace Libromi.Connect.Webhooks.AspNetCore;

/// <summary>
/// Thrown by <see cref="IWebhookIdempotencyStore.TryClaimAsync"/> when the store cannot take a new event id without
/// forgetting one it must still remember. The endpoint answers <c>503</c> with <c>Retry-After</c>, so that Libromi
/// Connect delivers the event again later instead of it being lost or handled twice.
/// </summary>
public sealed class WebhookIdempotencyStoreFullException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the store is full, safe to log.</param>
    /// <param name="retryAfter">
    /// When the store expects to have room again, measured from now; <see cref="TimeSpan.Zero"/> when it cannot tell,
    /// and the endpoint then asks for its own <see cref="LibromiWebhookOptions.RetryAfter"/>.
    /// </param>
    public WebhookIdempotencyStoreFullException(string message, TimeSpan retryAfter)
        : base(message) =>
        RetryAfter = retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter;

    /// <summary>When the store expects to have room again, measured from when it refused; never negative.</summary>
    public TimeSpan RetryAfter { get; }
}
