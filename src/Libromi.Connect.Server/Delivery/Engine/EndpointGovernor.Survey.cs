namespace Libromi.Connect.Server.Delivery.Engine;

public sealed partial class EndpointGovernor
{
    /// <summary>Looks at every known endpoint once, before a lease (see <see cref="GovernorSurvey"/>).</summary>
    public GovernorSurvey Survey(DateTimeOffset now)
    {
        var excluded = new List<string>();
        var held = new List<HeldEndpoint>();
        var probes = new List<string>();
        DateTimeOffset? reopens = null;
        List<string>? idle = null;
        lock (_gate)
        {
            foreach (var (webhookId, partition) in _partitions)
            {
                var circuit = partition.Circuit;
                // A pause (Retry-After, or a 429's back-off) holds the endpoint like an open circuit, and no probe goes meanwhile.
                var paused = partition.Pace.PausedAt(now);
                if (paused is null && circuit.TryStartProbe(now))
                {
                    probes.Add(webhookId);
                    // Held as long as a failed probe would keep the circuit open (its answer comes within one attempt's
                    // timeout), so each is moved once per opening; should the probe succeed, they are released at once.
                    partition.ProbeHolds.RemoveAll(hold => hold <= now);
                    partition.ProbeHolds.Add(now + _options.Timeout + circuit.NextCoolDown);
                }
                SettleProbeHold(webhookId, partition);
                if (Later(circuit.OpenUntil(now), paused) is { } until)
                {
                    reopens = reopens is null || until < reopens ? until : reopens;
                    held.Add(new HeldEndpoint(webhookId, until));
                }
                else if (circuit.HoldsBack)
                {
                    // Probing: every probe sets its hold when it starts.
                    held.Add(new HeldEndpoint(webhookId, partition.ProbeHolds[^1]));
                }
                else if (partition.Limiter.GetStatistics()?.CurrentAvailablePermits == 0)
                {
                    excluded.Add(webhookId);
                }
                else if (partition.Holders == 0 && circuit.IsIdle && partition.Pace.IsIdle(now))
                {
                    // Kept only for a pause that has now ended.
                    (idle ??= []).Add(webhookId);
                }
            }
            foreach (var webhookId in idle ?? [])
            {
                RemoveIfIdle(webhookId, _partitions[webhookId], now);
            }
            var released = _released.ToList();
            _released.Clear();
            return new GovernorSurvey(excluded, held, probes, reopens, released);
        }
    }

    /// <summary>Once the circuit has closed, releases what its probes held; a failed probe's hold stands until the next.</summary>
    private void SettleProbeHold(string webhookId, EndpointPartition partition)
    {
        if (partition.ProbeHolds.Count == 0 || partition.Circuit.State != CircuitState.Closed)
        {
            return;
        }
        _released.AddRange(partition.ProbeHolds.Select(hold => new HeldEndpoint(webhookId, hold)));
        partition.ProbeHolds.Clear();
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
