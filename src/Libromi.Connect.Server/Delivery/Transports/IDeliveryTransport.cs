using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Server.Delivery.Outcomes;

namespace Libromi.Connect.Server.Delivery.Transports;

/// <summary>
/// Carries one attempt to a receiver of its <see cref="Kind"/>. The <see cref="AttemptRunner"/> has already decided to send,
/// built the signed headers and started the clock; the transport sends, reads the answer, and reports it through the
/// <see cref="Attempt"/>'s outcome factories. What it throws, the runner turns into a failed outcome.
/// </summary>
public interface IDeliveryTransport
{
    TransportKind Kind { get; }

    Task<AttemptOutcome> SendAsync(Attempt attempt);
}
