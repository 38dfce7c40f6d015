using Libromi.Connect.Server.Delivery.Engine;

namespace Libromi.Connect.Server.Delivery.Outcomes;

/// <summary>
/// The attempt was not made; <see cref="Reason"/> says why, and whether that ends the delivery. A hand-back is due again
/// at <see cref="NotBefore"/>, or at once without it.
/// </summary>
public sealed record Skipped(LeasedDelivery Lease, DateTimeOffset StartedAt, SkipReason Reason, DateTimeOffset? NotBefore = null) : AttemptOutcome(Lease, StartedAt);
