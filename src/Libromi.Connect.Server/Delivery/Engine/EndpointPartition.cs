using System.Threading.RateLimiting;

namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>What the <see cref="EndpointGovernor"/> keeps per endpoint while it is in use: its slots, its circuit, its pace.</summary>
internal sealed class EndpointPartition(DeliveryOptions options) : IDisposable
{
    public readonly ConcurrencyLimiter Limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.MaxConcurrencyPerEndpoint,
        // A whole leased batch can wait for the endpoint, so a batch larger than its slots is not handed back.
        QueueLimit = options.LeaseBatchSize,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public readonly EndpointCircuit Circuit = new(options);

    public readonly EndpointPace Pace = new(options.MaxConcurrencyPerEndpoint);

    // The times the endpoint's due deliveries were moved to while a probe ran, since the circuit opened and not yet
    // passed: the last is the running probe's; all are released when the circuit closes (see GovernorSurvey).
    public readonly List<DateTimeOffset> ProbeHolds = [];

    // Attempts holding or waiting for a slot; the partition stays while there are any.
    public int Holders;

    public void Dispose()
    {
        Pace.Dispose();
        Limiter.Dispose();
    }
}
