using System.Diagnostics.Metrics;
using Libromi.Connect.Server.Delivery.Engine;

namespace Libromi.Connect.Server.Telemetry;

/// <summary>
/// The instruments of the meter <c>Libromi.Connect</c> (UCUM units): attempts by outcome and error kind, attempt duration,
/// delivery lag, ingested events by type and outcome batch sizes. Attempts are counted when their outcome is stored, so
/// the counters agree with the attempt log. The observed instruments (backlog, circuits, group commit) are
/// <see cref="BacklogSampler"/>'s.
/// </summary>
public sealed class ConnectMetrics
{
    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _attemptDuration;
    private readonly Histogram<double> _lag;
    private readonly Counter<long> _eventsIngested;
    private readonly Histogram<int> _outcomeBatch;

    public ConnectMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ConnectDiagnostics.Name);
        _attempts = meter.CreateCounter<long>("libromi.delivery.attempts", "{attempt}", "Delivery attempts logged, by outcome and error kind");
        _attemptDuration = meter.CreateHistogram<double>("libromi.delivery.attempt.duration", "s", "How long one delivery attempt took",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _lag = meter.CreateHistogram<double>("libromi.delivery.lag", "s", "From an event's creation to its successful delivery",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600, 86400] });
        _eventsIngested = meter.CreateCounter<long>("libromi.events.ingested", "{event}", "Events stored, by type");
        _outcomeBatch = meter.CreateHistogram<int>("libromi.delivery.outcome_batch.size", "{outcome}", "Outcomes recorded in one transaction",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
    }

    /// <summary>Counts the stored outcomes that logged an attempt, and the lag of those that delivered.</summary>
    internal void RecordOutcomes(IReadOnlyList<DecidedOutcome> stored)
    {
        _outcomeBatch.Record(stored.Count);
        foreach (var (lease, step) in stored)
        {
            if (step.Attempt is not { } attempt)
            {
                continue;
            }
            var succeeded = attempt.ErrorKind is null;
            var outcome = new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed");
            if (succeeded)
            {
                _attempts.Add(1, outcome);
            }
            else
            {
                _attempts.Add(1, outcome, new KeyValuePair<string, object?>("error_kind", attempt.ErrorKind));
            }
            _attemptDuration.Record(attempt.DurationMs / 1000.0, outcome);
            if (succeeded && lease.CreatedAt is { } created)
            {
                _lag.Record(Math.Max(0, (attempt.StartedAt.AddMilliseconds(attempt.DurationMs) - created).TotalSeconds));
            }
        }
    }

    internal void EventIngested(string type) => _eventsIngested.Add(1, new KeyValuePair<string, object?>("type", type));
}
