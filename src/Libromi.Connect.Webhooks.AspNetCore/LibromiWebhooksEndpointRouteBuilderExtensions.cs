using System.Diagnostics.CodeAnalysis;
using Libromi.Connect.Webhooks.AspNetCore;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps a Libromi Connect webhook endpoint.</summary>
public static class LibromiWebhooksEndpointRouteBuilderExtensions
{
    private const int DefaultStoreCapacity = 100_000;

    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> as a webhook receiver that verifies each request's signature over the
    /// raw body (401 otherwise), puts the event on a bounded queue and answers 200 at once (503 with <c>Retry-After</c>
    /// when the queue is full), runs the event type's handler in the background with retries, and never runs a handler
    /// twice for one event id. Requires <see cref="LibromiWebhooksServiceCollectionExtensions.AddLibromiWebhooks"/>.
    /// </summary>
    /// <param name="endpoints">The route builder, usually the application.</param>
    /// <param name="pattern">The route, such as <c>/webhook</c>.</param>
    /// <param name="configure">Settings and handlers for this endpoint, applied after those given to <c>AddLibromiWebhooks</c>.</param>
    /// <returns>A builder to add conventions to the endpoint, such as rate limiting.</returns>
    /// <exception cref="InvalidOperationException">
    /// <c>AddLibromiWebhooks</c> was not called, neither a secret nor a public key is configured, or the idempotency store is a
    /// <see cref="MemoryWebhookIdempotencyStore"/> made for a shorter tolerance than the endpoint's.
    /// </exception>
    /// <exception cref="ArgumentException">A public key is not <c>whpk_</c> followed by the base64 of 32 bytes.</exception>
    public static IEndpointConventionBuilder MapLibromiWebhooks(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern, Action<LibromiWebhookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        var services = endpoints.ServiceProvider;
        var registry = services.GetService<WebhookEndpointRegistry>()
            ?? throw new InvalidOperationException("Call builder.Services.AddLibromiWebhooks() before app.MapLibromiWebhooks(...).");
        var options = services.GetRequiredService<IOptionsFactory<LibromiWebhookOptions>>().Create(Options.DefaultName);
        configure?.Invoke(options);
        options.Validate();

        var time = services.GetRequiredService<TimeProvider>();
        var store = options.IdempotencyStore
            ?? services.GetService<IWebhookIdempotencyStore>()
            ?? new MemoryWebhookIdempotencyStore(Math.Max(DefaultStoreCapacity, 2 * (options.QueueCapacity + options.MaxConcurrency)), timeProvider: time, tolerance: options.Tolerance);
        if (store is MemoryWebhookIdempotencyStore memory && memory.Tolerance < options.Tolerance)
        {
            throw new InvalidOperationException(
                $"The MemoryWebhookIdempotencyStore for {pattern} was made for a tolerance of {memory.Tolerance}, shorter than the endpoint's Tolerance of {options.Tolerance}, so it could forget ids that a replay can still use. Create it with tolerance: options.Tolerance.");
        }

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LibromiWebhookOptions).Namespace!);
        var endpoint = new WebhookEndpoint(pattern, options, store, time, logger);
        registry.Add(endpoint);
        return endpoints.MapPost(pattern, endpoint.HandleAsync);
    }
}
