using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// Decides, per endpoint, whether an attempt may start: a <see cref="ConcurrencyLimiter"/> of
/// <see cref="DeliveryOptions.MaxConcurrencyPerEndpoint"/> slots (with a queue as long as one leased batch), the endpoint's
/// <see cref="EndpointCircuit"/>, and its <see cref="EndpointPace"/> (paused by <c>Retry-After</c>, slowed by 429). An endpoint is known here only while it is in use or its circuit remembers failures:
/// the partition is removed as soon as it is idle, so ended listen sessions and one-off endpoints leave nothing behind
/// and the dispatcher's survey walks only the active ones. Rate limits are kept in the store, across nodes
/// (<see cref="RateBudget"/>); the dispatcher waits for a delivery's send slot before it asks here.
/// </summary>
public sealed partial class EndpointGovernor(IOptions<DeliveryOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EndpointPartition> _partitions = new(StringComparer.Ordinal);
    private readonly DeliveryOptions _options = options.Value;

    // Slots owed by slowed-down endpoints, summed: while none is, an ending attempt gives its slot back without the lock.
    private int _owed;

    // Endpoints whose probe succeeded while the others were held for it: the next survey hands them back.
    private readonly List<HeldEndpoint> _released = [];

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
    public (bool MadeRoom, bool Reopened) Finish(EndpointPermit? permit, string webhookId, EndpointHealth? health, DateTimeOffset now,
        EndpointPressure pressure = default)
    {
        var lease = permit?.TakeLease();
        var kept = false;
        if (lease is not null && Volatile.Read(ref _owed) > 0)
        {
            lock (_gate)
            {
                // An endpoint slowed down while this attempt ran takes its slot out of use instead of giving it back.
                kept = _partitions.TryGetValue(webhookId, out var slowed) && slowed.Pace.Keep(lease);
                _owed -= kept ? 1 : 0;
            }
        }
        if (!kept)
        {
            // Outside the lock: giving the slot back may hand it to a waiting attempt, which must not start under it.
            lease?.Dispose();
        }
        RateLimitLease? recovered;
        bool madeRoom, reopened;
        lock (_gate)
        {
            if (!_partitions.TryGetValue(webhookId, out var partition))
            {
                if (health is not (EndpointHealth.Failed or EndpointHealth.Gone) && pressure.IsNone)
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
            if (pressure.PausedUntil is { } until)
            {
                partition.Pace.Pause(until);
            }
            var owed = partition.Pace.Owed;
            if (pressure.Throttled)
            {
                partition.Pace.Throttle(now, partition.Limiter);
            }
            recovered = health == EndpointHealth.Succeeded ? partition.Pace.Recover() : null;
            _owed += partition.Pace.Owed - owed;
            madeRoom = false;
            if (lease is not null)
            {
                partition.Holders--;
                madeRoom = !kept && partition.Limiter.GetStatistics()?.CurrentAvailablePermits == 1;
            }
            SettleProbeHold(webhookId, partition);
            RemoveIfIdle(webhookId, partition, now);
            reopened = wasHoldingBack && !partition.Circuit.HoldsBack;
        }
        recovered?.Dispose();
        return (madeRoom || recovered is not null, reopened);
    }

    /// <summary>Gives up the place an attempt took while asking for a slot it did not get.</summary>
    private void Leave(string webhookId, RateLimitLease? failed)
    {
        failed?.Dispose();
        lock (_gate)
        {
            if (_partitions.TryGetValue(webhookId, out var partition))
            {
                partition.Holders--;
                RemoveIfIdle(webhookId, partition, time.GetUtcNow());
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

    private void RemoveIfIdle(string webhookId, EndpointPartition partition, DateTimeOffset now)
    {
        if (partition.Holders == 0 && partition.Circuit.IsIdle && partition.Pace.IsIdle(now))
        {
            _partitions.Remove(webhookId);
            partition.Dispose();
        }
    }
}
