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
        lock (_gate)
        {
            foreach (var (webhookId, partition) in _partitions)
            {
                var circuit = partition.Circuit;
                if (circuit.TryStartProbe(now))
                {
                    probes.Add(webhookId);
                    // The probe's answer comes within one attempt's timeout: the others wait that long, not the next
                    // cool-down, and are handed back at once should it succeed.
                    partition.ProbeHold = now + _options.Timeout;
                }
                SettleProbeHold(webhookId, partition);
                if (circuit.OpenUntil(now) is { } until)
                {
                    reopens = reopens is null || until < reopens ? until : reopens;
                    held.Add(new HeldEndpoint(webhookId, until));
                }
                else if (circuit.HoldsBack)
                {
                    held.Add(new HeldEndpoint(webhookId, partition.ProbeHold ?? now + _options.Timeout));
                }
                else if (partition.Limiter.GetStatistics()?.CurrentAvailablePermits == 0)
                {
                    excluded.Add(webhookId);
                }
            }
            var released = _released.ToList();
            _released.Clear();
            return new GovernorSurvey(excluded, held, probes, reopens, released);
        }
    }

    /// <summary>Once the probe has its answer, forgets the hold it set; a closed circuit's held deliveries are released.</summary>
    private void SettleProbeHold(string webhookId, EndpointPartition partition)
    {
        if (partition.ProbeHold is not { } hold || partition.Circuit.State == CircuitState.Probing)
        {
            return;
        }
        if (partition.Circuit.State == CircuitState.Closed)
        {
            _released.Add(new HeldEndpoint(webhookId, hold));
        }
        partition.ProbeHold = null;
    }
}
