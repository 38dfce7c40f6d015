using Libromi.Connect.Server.Delivery.Engine;

namespace Libromi.Connect.Server.Hosting.Health;

/// <summary>Registers the readiness checks: the store on every node, the dispatcher on a node with the worker role.</summary>
public static class HealthRegistration
{
    public static IServiceCollection AddLibromiHealth(this IServiceCollection services, IConfiguration configuration, NodeOptions node)
    {
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptionsNames.Section))
            .Validate(o => o.StoreTimeout > TimeSpan.Zero, $"{HealthOptionsNames.StoreTimeout} must be a positive time span such as 00:00:05.")
            .Validate(o => o.DispatcherStaleAfter > TimeSpan.Zero, $"{HealthOptionsNames.DispatcherStaleAfter} must be a positive time span such as 00:01:00.")
            .ValidateOnStart();
        // Singletons, so that probes arriving together share the store's round trip.
        services.AddSingleton<StoreHealthCheck>();
        var checks = services.AddHealthChecks().AddCheck<StoreHealthCheck>(HealthTags.Store, tags: [HealthTags.Ready]);
        if (node.Delivers)
        {
            services.AddSingleton<DispatcherHealthCheck>();
            checks.AddCheck<DispatcherHealthCheck>(HealthTags.Dispatcher, tags: [HealthTags.Ready]);
        }
        return services;
    }
}
