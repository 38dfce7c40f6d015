using Libromi.Connect.Client;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="LibromiClient"/> for dependency injection.</summary>
public static class LibromiServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient that <see cref="LibromiClient"/> gets from <c>IHttpClientFactory</c>.</summary>
    public const string HttpClientName = "Libromi.Connect";

    /// <summary>
    /// Registers <see cref="LibromiClient"/> as a typed client of <c>IHttpClientFactory</c>, with
    /// <see cref="LibromiClientOptions"/> as options (defaults from <c>LIBROMI_API_KEY</c> and <c>LIBROMI_API_URL</c>,
    /// then <paramref name="configure"/>). The client retries on its own: do not add a retrying handler as well, or a
    /// failure is retried by both.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets API key, base URL and retry settings. Default: the environment's values only.</param>
    /// <returns>The HttpClient builder, to add handlers or configure the primary handler.</returns>
    public static IHttpClientBuilder AddLibromiConnect(this IServiceCollection services, Action<LibromiClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<LibromiClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        return services.AddHttpClient(HttpClientName)
            .AddTypedClient((http, provider) => new LibromiClient(http, provider.GetRequiredService<IOptions<LibromiClientOptions>>().Value));
    }
}
