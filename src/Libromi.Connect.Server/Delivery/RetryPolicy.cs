using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Delivery;

/// <summary>Decides when a failed delivery is tried again.</summary>
public sealed class RetryPolicy(IOptions<DeliveryOptions> options)
{
    /// <summary>The delay before the retry that follows attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt, TimeSpan? retryAfter)
    {
        var o = options.Value;
        if (retryAfter is { } requested)
        {
            // The receiver asked for a pause (429/503): honour it, but never hammer it sooner than a second nor wait past the cap.
            return requested < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : requested > o.MaxRetryAfter ? o.MaxRetryAfter : requested;
        }
        var scheduled = o.RetrySchedule[Math.Clamp(attempt - 1, 0, o.RetrySchedule.Length - 1)];
        var spread = (Random.Shared.NextDouble() * 2 - 1) * o.RetryJitter;
        return scheduled * (1 + spread);
    }
}
