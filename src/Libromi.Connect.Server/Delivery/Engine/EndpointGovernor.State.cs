namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>What the governor knows of an endpoint, read without changing it.</summary>
public sealed partial class EndpointGovernor
{
    /// <summary>Endpoints currently known (in use, or with a circuit that remembers failures).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _partitions.Count;
            }
        }
    }

    /// <summary>Endpoints whose circuit holds deliveries back now (open, or half-open while a probe runs).</summary>
    public int OpenCircuits
    {
        get
        {
            lock (_gate)
            {
                return _partitions.Values.Count(p => p.Circuit.HoldsBack);
            }
        }
    }

    public EndpointCircuit? CircuitOf(string webhookId)
    {
        lock (_gate)
        {
            return _partitions.GetValueOrDefault(webhookId)?.Circuit;
        }
    }

    /// <summary>When the endpoint's pause ends, while this node knows of one (<c>Retry-After</c>, or a 429's back-off).</summary>
    public DateTimeOffset? PausedUntil(string webhookId, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _partitions.GetValueOrDefault(webhookId)?.Pace.PausedAt(now);
        }
    }

    /// <summary>True while the endpoint's circuit is open: what waited for a slot meanwhile is handed back unsent.</summary>
    public bool IsOpen(string webhookId, DateTimeOffset now) => CircuitOf(webhookId)?.OpenUntil(now) is not null;
}
