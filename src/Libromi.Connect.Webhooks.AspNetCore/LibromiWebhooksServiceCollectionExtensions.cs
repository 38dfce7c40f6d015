using Libromi.Connect.Webhooks.AspNetCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Libromi Connect webhook receiver.</summary>
public static class LibromiWebhooksServiceCollectionExtensions
{
    /// <summary>
    /// Adds the background processing behind <c>MapLibromiWebhooks</c>, and a <see cref="TimeProvider"/>
    /// (<see cref="TimeProvider.System"/>) unless one is registered.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Settings and handlers shared by every mapped endpoint; optional.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddLibromiWebhooks(this IServiceCollection services, Action<LibromiWebhookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WebhookEndpointRegistry>();
        services.AddHostedService<WebhookProcessor>();
        services.AddOptions<LibromiWebhookOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services;
    }
}
