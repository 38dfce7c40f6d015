using Libromi.Connect.Server.Delivery.Engine;

namespace Libromi.Connect.Server.Delivery.Outcomes;

/// <summary>The attempt was not made; <see cref="Reason"/> says why, and whether that ends the delivery.</summary>
public sealed record Skipped(LeasedDelivery Lease, DateTimeOffset StartedAt, SkipReason Reason) : AttemptOutcome(Lease, StartedAt);
