using Libromi.Connect.Server.Delivery.Engine;

namespace Libromi.Connect.Server.Delivery.Outcomes;

/// <summary>The receiver acknowledged the event: a 2xx answer, received completely.</summary>
public sealed record Delivered(LeasedDelivery Lease, DateTimeOffset StartedAt, int DurationMs, AttemptResponse Response)
    : AttemptOutcome(Lease, StartedAt);
