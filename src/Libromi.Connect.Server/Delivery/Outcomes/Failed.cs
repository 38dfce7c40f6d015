using Libromi.Connect.Server.Delivery.Engine;

namespace Libromi.Connect.Server.Delivery.Outcomes;

/// <summary>
/// The attempt ran and did not deliver. <see cref="Kind"/> is one of <see cref="ErrorKinds"/>; <see cref="Response"/> is
/// what the receiver answered, when it answered at all; <see cref="RetryAfter"/> is the pause it asked for (429/503).
/// </summary>
public sealed record Failed(
    LeasedDelivery Lease,
    DateTimeOffset StartedAt,
    int DurationMs,
    string Kind,
    string Error,
    AttemptResponse? Response = null,
    TimeSpan? RetryAfter = null) : AttemptOutcome(Lease, StartedAt)
{
    /// <summary>410 Gone: the receiver says the endpoint no longer exists, so nothing is retried and the webhook is disabled.</summary>
    public bool Gone => Response?.StatusCode == 410;

    /// <summary>Whether another attempt may succeed; false for <see cref="Gone"/>.</summary>
    public bool Retryable => !Gone;

    /// <summary>An attempt ended by an exception nobody caught nearer to it, before any answer: named by <see cref="AttemptFailure"/>.</summary>
    public static Failed Unforeseen(LeasedDelivery lease, DateTimeOffset startedAt, int durationMs, Exception exception)
    {
        var (kind, message) = AttemptFailure.Classify(exception, answered: false);
        return new Failed(lease, startedAt, durationMs, kind, Transports.ResponseText.Readable(message));
    }
}
