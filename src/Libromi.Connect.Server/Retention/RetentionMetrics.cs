using System.Diagnostics.Metrics;

namespace Libromi.Connect.Server.Retention;

/// <summary>
/// The purge's instruments, on the server's meter <c>Libromi.Connect</c>: rows removed and seconds taken per run of a
/// step, each tagged with the step's name (<c>step</c>), so a dashboard shows that retention keeps up and what it costs.
/// </summary>
public sealed class RetentionMetrics
{
    public const string MeterName = Telemetry.ConnectDiagnostics.Name;
    private readonly Counter<long> _rowsRemoved;
    private readonly Histogram<double> _duration;

    public RetentionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _rowsRemoved = meter.CreateCounter<long>("libromi.retention.rows_removed", "{row}", "Rows a purge step removed");
        _duration = meter.CreateHistogram<double>("libromi.retention.duration", "s", "Time one run of a purge step took");
    }

    internal void Record(string step, long rows, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("step", step);
        _rowsRemoved.Add(rows, tag);
        _duration.Record(duration.TotalSeconds, tag);
    }
}
