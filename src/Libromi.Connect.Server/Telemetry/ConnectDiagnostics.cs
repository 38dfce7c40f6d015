using System.Diagnostics;

namespace Libromi.Connect.Server.Telemetry;

/// <summary>
/// The names the server's telemetry is published under: one <see cref="System.Diagnostics.Metrics.Meter"/> and one
/// <see cref="ActivitySource"/>, both <c>Libromi.Connect</c>, so that dashboards and alerts can rely on them.
/// </summary>
public static class ConnectDiagnostics
{
    public const string Name = "Libromi.Connect";

    /// <summary>The spans of the events an API request writes and of every delivery attempt.</summary>
    public static readonly ActivitySource Source = new(Name, typeof(ConnectDiagnostics).Assembly.GetName().Version?.ToString(3));
}
