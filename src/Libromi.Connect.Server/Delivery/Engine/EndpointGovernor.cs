using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// Decides, per endpoint, whether an attempt may start: a <see cref="ConcurrencyLimiter"/> of
/// <see cref="DeliveryOptions.MaxConcurrencyPerEndpoint"/> slots (with a queue as long as one leased batch) and the endpoint's
/// <see cref="EndpointCircuit"/>. An endpoint is known here only while it is in use or its circuit remembers failures:
/// the partition is removed as soon as it is idle, so ended listen sessions and one-off endpoints leave nothing behind
/// and the dispatcher's survey walks only the active ones. Rate limits per endpoint belong here too.
/// </summary>
public sealed partial class EndpointGovernor(IOptions<DeliveryOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EndpointPartition> _partitions = new(StringComparer.Ordinal);
    private readonly DeliveryOptions _options = options.Value;

    // Endpoints whose probe succeeded while the others were held for it: the next survey hands them back.
    private readonly List<HeldEndpoint> _released = [];

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

    public EndpointCircuit? CircuitOf(string webhookId)
    {
        lock (_gate)
        {
            return _partitions.GetValueOrDefault(webhookId)?.Circuit;
        }
    }

    /// <summary>
    /// A slot at the endpoint, at once or after waiting in its queue until <paramref name="waitUntil"/>; null when the
    /// queue is full or the wait ran out (the caller hands the delivery back).
    /// </summary>
    public async ValueTask<EndpointPermit?> AcquireAsync(string webhookId, DateTimeOffset waitUntil, CancellationToken stopping)
    {
        EndpointPartition partition;
        RateLimitLease? lease;
        lock (_gate)
        {
            partition = GetOrAdd(webhookId);
            partition.Holders++;
            lease = partition.Limiter.AttemptAcquire();
        }
        try
        {
            if (!lease.IsAcquired)
            {
                lease.Dispose();
                lease = await WaitAsync(partition.Limiter, waitUntil, stopping);
            }
            if (lease is { IsAcquired: true })
            {
                return new EndpointPermit(this, webhookId, lease);
            }
        }
        catch (OperationCanceledException)
        {
            Leave(webhookId, null);
            throw;
        }
        Leave(webhookId, lease);
        return null;
    }

    /// <summary>
    /// Ends an attempt: gives its slot back (with <paramref name="permit"/>) and feeds the outcome's verdict on the
    /// endpoint to its circuit (with <paramref name="health"/>). Says whether that made room at an endpoint that was
    /// full, and whether the circuit stopped holding the endpoint back: either is a reason to lease again.
    /// </summary>
    public (bool MadeRoom, bool Reopened) Finish(EndpointPermit? permit, string webhookId, EndpointHealth? health, DateTimeOffset now)
    {
        // Outside the lock: giving the slot back may hand it to a waiting attempt, which must not start under it.
        var lease = permit?.TakeLease();
        lease?.Dispose();
        lock (_gate)
        {
            if (!_partitions.TryGetValue(webhookId, out var partition))
            {
                if (health is not (EndpointHealth.Failed or EndpointHealth.Gone))
                {
                    return (false, false);
                }
                partition = GetOrAdd(webhookId);
            }
            var wasHoldingBack = partition.Circuit.HoldsBack;
            if (health is { } verdict)
            {
                partition.Circuit.Record(verdict, now);
            }
            var madeRoom = false;
            if (lease is not null)
            {
                partition.Holders--;
                madeRoom = partition.Limiter.GetStatistics()?.CurrentAvailablePermits == 1;
            }
            SettleProbeHold(webhookId, partition);
            RemoveIfIdle(webhookId, partition);
            return (madeRoom, wasHoldingBack && !partition.Circuit.HoldsBack);
        }
    }

    /// <summary>True while the endpoint's circuit is open: what waited for a slot meanwhile is handed back unsent.</summary>
    public bool IsOpen(string webhookId, DateTimeOffset now) => CircuitOf(webhookId)?.OpenUntil(now) is not null;

    /// <summary>Gives up the place an attempt took while asking for a slot it did not get.</summary>
    private void Leave(string webhookId, RateLimitLease? failed)
    {
        failed?.Dispose();
        lock (_gate)
        {
            if (_partitions.TryGetValue(webhookId, out var partition))
            {
                partition.Holders--;
                RemoveIfIdle(webhookId, partition);
            }
        }
    }

    /// <summary>Waits in the endpoint's queue until <paramref name="waitUntil"/>; null when the queue is full or the time ran out.</summary>
    private async ValueTask<RateLimitLease?> WaitAsync(ConcurrencyLimiter limiter, DateTimeOffset waitUntil, CancellationToken stopping)
    {
        var wait = waitUntil - time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return null;
        }
        using var deadline = new CancellationTokenSource(wait, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stopping);
        try
        {
            return await limiter.AcquireAsync(1, linked.Token);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return null;
        }
    }

    private EndpointPartition GetOrAdd(string webhookId)
    {
        if (!_partitions.TryGetValue(webhookId, out var partition))
        {
            partition = new EndpointPartition(_options);
            _partitions[webhookId] = partition;
        }
        return partition;
    }

    private void RemoveIfIdle(string webhookId, EndpointPartition partition)
    {
        if (partition.Holders == 0 && partition.Circuit.IsIdle)
        {
            _partitions.Remove(webhookId);
            partition.Dispose();
        }
    }
}
