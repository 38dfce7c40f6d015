using Libromi.Connect.Server.Delivery.Engine;

namespace Libromi.Connect.Server.Delivery.Outcomes;

/// <summary>
/// How one attempt ended: <see cref="Delivered"/>, <see cref="Failed"/> or <see cref="Skipped"/>, and nothing else (the
/// constructor is closed to other assemblies). Transports and the attempt runner build them; <see cref="DeliveryTransition"/>
/// alone decides what each one means for the delivery and its endpoint.
/// </summary>
public abstract record AttemptOutcome
{
    private protected AttemptOutcome(LeasedDelivery lease, DateTimeOffset startedAt)
    {
        Lease = lease;
        StartedAt = startedAt;
    }

    public LeasedDelivery Lease { get; init; }

    public DateTimeOffset StartedAt { get; init; }
}
