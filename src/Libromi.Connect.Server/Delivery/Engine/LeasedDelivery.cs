namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// A delivery this worker holds until <see cref="LeaseUntil"/>; <see cref="LeaseToken"/> fences its outcome.
/// <see cref="Ordered"/>: it has an ordering key, so the next delivery of its contact waits for its outcome.
/// </summary>
public sealed record LeasedDelivery(long Id, long LeaseToken, string EventId, string WebhookId, int AttemptCount, int MaxAttempts, DateTimeOffset LeaseUntil,
    bool Ordered = false);
