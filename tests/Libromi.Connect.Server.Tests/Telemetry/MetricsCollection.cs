namespace Libromi.Connect.Server.Tests.Telemetry;

/// <summary>
/// The tests that read exact metric values run alone. OpenTelemetry listens to meters by name, process-wide: the
/// instruments of every server this test process runs at the same time (each with its own meter factory) would be
/// folded into the same streams. A deployed server is one per process, so only tests meet this.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Exact metrics";
}
