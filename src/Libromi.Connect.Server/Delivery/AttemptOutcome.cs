namespace Libromi.Connect.Server.Delivery;

/// <summary>
/// What one attempt produced. <see cref="Abandoned"/> means the attempt never ran to an answer (shutdown, lease lost
/// before start): the delivery is handed back without counting an attempt.
/// </summary>
public sealed record AttemptOutcome(
    LeasedDelivery Lease,
    DateTimeOffset StartedAt,
    int DurationMs,
    int? StatusCode,
    string? ErrorKind,
    string? Error,
    string? ResponseHeaders,
    string? ResponseBody,
    TimeSpan? RetryAfter,
    bool Abandoned = false)
{
    /// <summary>A 2xx answer, received completely.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300 && ErrorKind is null;

    public static AttemptOutcome Abandon(LeasedDelivery lease, DateTimeOffset now) => new(lease, now, 0, null, null, null, null, null, null, Abandoned: true);
}
