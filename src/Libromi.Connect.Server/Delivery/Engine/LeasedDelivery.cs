namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// A delivery this worker holds until <see cref="LeaseUntil"/>; <see cref="LeaseToken"/> fences its outcome. An endpoint
/// with a rate limit gives it a send slot, <see cref="SendAt"/> (see <see cref="RateBudget"/>); <see cref="RateLimit"/>
/// is that limit as the lease found it. <see cref="Ordered"/>: it has an ordering key, so the next delivery of its
/// contact waits for its outcome. <see cref="CreatedAt"/> is when the delivery (and its event) was stored, from which
/// the delivery lag is measured.
/// </summary>
public sealed record LeasedDelivery(long Id, long LeaseToken, string EventId, string WebhookId, int AttemptCount, int MaxAttempts, DateTimeOffset LeaseUntil,
    int? RateLimit = null, bool Ordered = false, DateTimeOffset? SendAt = null, DateTimeOffset? CreatedAt = null);
