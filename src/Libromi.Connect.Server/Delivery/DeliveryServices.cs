using Libromi.Connect.Server.Accounts;

namespace Libromi.Connect.Server.Delivery;

/// <summary>What every <see cref="DeliveriesApi"/> handler is given (bound with <c>[AsParameters]</c>).</summary>
public sealed record DeliveryServices(DeliveryService Deliveries, Caller Caller, HttpContext Http, CancellationToken CancellationToken);
