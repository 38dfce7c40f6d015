namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>A leased delivery with what its outcome decided, waiting to be recorded.</summary>
public readonly record struct DecidedOutcome(LeasedDelivery Lease, DeliveryStep Step);
