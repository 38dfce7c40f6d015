using Libromi.Connect.Server.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Hosting.Health;

/// <summary>
/// The store can do its job: a real round trip through a pooled connection and through the writer, bounded by
/// <see cref="HealthOptions.StoreTimeout"/>; on SQLite, also that the file is still the one opened at start (see
/// <see cref="Database.CheckAsync"/>). Probes that arrive together share one round trip, so a flood of them adds one
/// unit at a time to the writer, not one per request.
/// </summary>
public sealed class StoreHealthCheck(Database database, IOptions<HealthOptions> options) : IHealthCheck
{
    private readonly Lock _gate = new();
    private Task<HealthCheckResult>? _running;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Task<HealthCheckResult> running;
        lock (_gate)
        {
            if (_running is null || _running.IsCompleted)
            {
                // Not the caller's token: a probe that hangs up must not fail the others sharing its round trip.
                _running = RoundTripAsync();
            }
            running = _running;
        }
        return running.WaitAsync(cancellationToken);
    }

    private async Task<HealthCheckResult> RoundTripAsync()
    {
        var timeout = options.Value.StoreTimeout;
        using var bounded = new CancellationTokenSource(timeout);
        try
        {
            await database.CheckAsync(bounded.Token);
            return HealthCheckResult.Healthy($"The {database.ProviderName} store answered.");
        }
        catch (OperationCanceledException) when (bounded.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The {database.ProviderName} store did not answer within {timeout.TotalSeconds:0.###} s ({HealthOptionsNames.StoreTimeout}).");
        }
        catch (StoreUnavailableException e)
        {
            database.ForgetConnections();
            return HealthCheckResult.Unhealthy(e.Message);
        }
        catch (Exception e) when (database.IsUnavailable(e))
        {
            database.ForgetConnections();
            return HealthCheckResult.Unhealthy($"The {database.ProviderName} store is unavailable: {e.Message}");
        }
    }
}
