using System.Globalization;
using Libromi.Connect.Server.Delivery.Engine;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Hosting.Health;

/// <summary>
/// On a worker node, the delivery loop is alive (see <see cref="DispatcherHeartbeat"/>): working on a pass that is not
/// older than <see cref="HealthOptions.DispatcherStaleAfter"/>, or waiting for work within the deadline it set itself.
/// A loop that stopped or faulted, a pass stuck past the bound, or a wait that overran its deadline by it, is dead.
/// </summary>
public sealed class DispatcherHealthCheck(DispatcherHeartbeat heartbeat, TimeProvider time, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var beat = heartbeat.Last;
        var now = time.GetUtcNow();
        var bound = options.Value.DispatcherStaleAfter;
        var result = beat.State switch
        {
            DispatcherState.NotStarted => HealthCheckResult.Unhealthy("The delivery dispatcher has not started."),
            DispatcherState.Stopped when beat.Fault is { } fault =>
                HealthCheckResult.Unhealthy($"The delivery dispatcher loop faulted at {Stamp(beat.At)} ({fault.GetType().Name}) and delivers nothing."),
            DispatcherState.Stopped => HealthCheckResult.Unhealthy($"The delivery dispatcher loop stopped at {Stamp(beat.At)} and delivers nothing."),
            DispatcherState.Waiting when now <= beat.Until + bound =>
                HealthCheckResult.Healthy($"Waiting for work until {Stamp(beat.Until!.Value)} at the latest."),
            DispatcherState.Waiting => HealthCheckResult.Unhealthy(
                $"The delivery dispatcher loop should have woken at {Stamp(beat.Until!.Value)} and has not ({HealthOptionsNames.DispatcherStaleAfter} is {bound})."),
            _ when now - beat.At <= bound => HealthCheckResult.Healthy($"Working since {Stamp(beat.At)}."),
            _ => HealthCheckResult.Unhealthy(
                $"One pass of the delivery dispatcher loop has run since {Stamp(beat.At)}, longer than {HealthOptionsNames.DispatcherStaleAfter} ({bound}): it looks stuck."),
        };
        return Task.FromResult(result);
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
