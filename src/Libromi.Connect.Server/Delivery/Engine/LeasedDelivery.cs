namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// A delivery this worker holds until <see cref="LeaseUntil"/>; <see cref="LeaseToken"/> fences its outcome. An endpoint
/// with a rate limit gives it a send slot, <see cref="SendAt"/> (see <see cref="RateBudget"/>); <see cref="RateLimit"/>
/// is that limit as the lease found it.
/// </summary>
public sealed record LeasedDelivery(long Id, long LeaseToken, string EventId, string WebhookId, int AttemptCount, int MaxAttempts, DateTimeOffset LeaseUntil,
    int? RateLimit = null, DateTimeOffset? SendAt = null);
