namespace Libromi.Connect.Client.Http;

/// <summary>How long to wait before the next attempt: the server's <c>Retry-After</c>, else exponential backoff with jitter.</summary>
internal static class RetryDelay
{
    /// <summary>The wait before retry number <paramref name="retry"/> (0-based), or null when the server asked for longer than the cap.</summary>
    public static TimeSpan? Before(int retry, TimeSpan? retryAfter, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        if (retryAfter is { } requested)
        {
            return requested <= maxDelay ? requested : null;
        }
        var ceiling = TimeSpan.FromMilliseconds(Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, retry), maxDelay.TotalMilliseconds));
        // Half fixed, half random: clients that failed together do not all come back at the same instant.
        return ceiling / 2 + ceiling / 2 * Random.Shared.NextDouble();
    }
}
