using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Retention;

/// <summary>Registers the background purge and its steps, in the order a pass runs them.</summary>
public static class RetentionRegistration
{
    /// <param name="runsPurge">
    /// Whether this node runs the purge: the nodes serving the API do. Every deployment has one (only the API stores
    /// events), worker nodes stay free for deliveries, and with several API nodes on PostgreSQL each step takes an
    /// advisory lock per batch, so they take turns rather than delete the same rows.
    /// </param>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration, StorageProvider storage, bool runsPurge)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection("Retention")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidation>();
        services.AddSingleton<PurgeRuns>();
        services.AddSingleton<RetentionMetrics>();
        if (!runsPurge)
        {
            return services;
        }
        storage.AddPurgeSteps?.Invoke(services);
        // After the provider's hook, so that PostgreSQL's partition horizon wins when it registered one.
        services.TryAddSingleton<IRowPurgeHorizon, CutoffHorizon>();
        services.AddSingleton<IPurgeStep, EventPurge>();
        services.AddSingleton<IPurgeStep, IdempotencyKeyPurge>();
        services.AddSingleton<IPurgeStep, ListenSessionPurge>();
        services.AddSingleton<IPurgeStep, Stats.StatsPurge>();
        // The vacuum runs last, to give back what the steps before it freed; only SQLite has a file to shrink.
        if (string.Equals(storage.Name, "sqlite", StringComparison.Ordinal))
        {
            services.AddSingleton<IPurgeStep, SqliteVacuum>();
        }
        services.AddSingleton<RetentionPurge>();
        services.AddHostedService(p => p.GetRequiredService<RetentionPurge>());
        return services;
    }
}
