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

    // Deliveries due when a circuit opens (or the endpoint is paused) would sit at the head of the due order, which
    // leasing walks, for the whole cool-down: they are moved to its end once per opening.
    public DateTimeOffset? DeferredUntil;

    // Attempts holding or waiting for a slot; the partition stays while there are any.
    public int Holders;

    public void Dispose()
    {
        Pace.Dispose();
        Limiter.Dispose();
    }
}
