namespace Libromi.Connect.Server.Telemetry;

/// <summary>The <c>Telemetry</c> settings. OTLP export is configured by the standard <c>OTEL_*</c> variables instead.</summary>
public sealed class TelemetryOptions
{
    /// <summary>Serve the Prometheus scrape endpoint at <c>/metrics</c>. Default: true.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>How often the backlog gauges (pending deliveries, age of the oldest) are read from the store. Default: 15 s.</summary>
    public TimeSpan BacklogInterval { get; set; } = TimeSpan.FromSeconds(15);
}
