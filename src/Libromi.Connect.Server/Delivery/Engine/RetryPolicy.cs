namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// When a failed delivery is tried again: the configured schedule with a random spread, or the receiver's
/// <c>Retry-After</c> within bounds. <paramref name="random"/> must be safe to share between threads
/// (<see cref="Random.Shared"/> in the server); tests pass a seeded one.
/// </summary>
public sealed class RetryPolicy(DeliveryOptions options, Random random)
{
    /// <summary>The delay before the retry that follows attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } requested)
        {
            // The receiver asked for a pause (429/503): honour it, but never hammer it sooner than a second nor wait past the cap.
            return requested < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : requested > options.MaxRetryAfter ? options.MaxRetryAfter : requested;
        }
        var scheduled = options.RetrySchedule[Math.Clamp(attempt - 1, 0, options.RetrySchedule.Length - 1)];
        var spread = (random.NextDouble() * 2 - 1) * options.RetryJitter;
        return scheduled * (1 + spread);
    }
}
