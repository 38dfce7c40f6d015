namespace Libromi.Connect.Server.Hosting.Health;

/// <summary>How the readiness checks judge this node. Bound from the <c>Health</c> configuration section.</summary>
public sealed class HealthOptions
{
    /// <summary>How long the store's round trip may take before the store counts as unavailable. Default 5 s.</summary>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one pass of the dispatcher loop may run, or a wait overrun its own deadline, before the dispatcher counts
    /// as dead. Waiting idle for work is never stale. Default 1 minute.
    /// </summary>
    public TimeSpan DispatcherStaleAfter { get; set; } = TimeSpan.FromMinutes(1);
}
