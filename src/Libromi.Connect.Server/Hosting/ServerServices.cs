using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Contacts;
using Libromi.Connect.Server.Dashboard;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Server.Delivery.Transports;
using Libromi.Connect.Server.Events;
using Libromi.Connect.Server.Events.Operational;
using Libromi.Connect.Server.Hosting.Health;
using Libromi.Connect.Server.Messages;
using Libromi.Connect.Server.Retention;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Telemetry;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Hosting;

/// <summary>Registers everything the server runs on.</summary>
public static class ServerServices
{
    public static WebApplicationBuilder AddLibromiServer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.Configure<StorageOptions>(configuration.GetSection("Storage"));
        services.Configure<DeliveryOptions>(configuration.GetSection("Delivery"));
        services.PostConfigure<DeliveryOptions>(o =>
        {
            // The binder appends configured array items to the defaults; a configured schedule must replace them.
            if (configuration.GetSection("Delivery:RetrySchedule").Get<TimeSpan[]>() is { } schedule)
            {
                o.RetrySchedule = schedule;
            }
        });
        services.AddSingleton<IValidateOptions<DeliveryOptions>, EgressOptionsValidation>();
        services.AddOptions<DeliveryOptions>().ValidateOnStart();
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection("Api"))
            .Validate(o => o.IdempotencyKeyLifetime > TimeSpan.Zero, "Api:IdempotencyKeyLifetime must be a positive time span such as 24:00:00.")
            .Validate(o => o.PublicUrl is null or { IsAbsoluteUri: true, Scheme: "http" or "https" },
                "Api:PublicUrl must be an absolute http or https URL such as https://libromi.example.com.")
            .ValidateOnStart();

        services.AddOptions<BootstrapKeyOptions>().Configure(o => o.ApiKey = configuration[BootstrapKeyOptions.Variable]?.Trim())
            .Validate(o => string.IsNullOrEmpty(o.ApiKey) || o.ApiKey.Length >= ApiKeys.MinKeyLength,
                BootstrapKeyOptions.Rule(BootstrapKeyOptions.Variable, configuration[BootstrapKeyOptions.Variable]?.Trim() ?? ""))
            .ValidateOnStart();
        services.AddOptions<Accounts.Admin.AdminOptions>().Bind(configuration.GetSection("Admin"))
            .Validate(o => !o.Enabled || o.ApiKey!.Length >= ApiKeys.MinKeyLength, BootstrapKeyOptions.Rule("Admin:ApiKey", configuration["Admin:ApiKey"] ?? ""))
            .Validate(o => !o.Enabled || o.ApiKey != configuration[BootstrapKeyOptions.Variable]?.Trim(),
                "Admin:ApiKey must differ from LIBROMI_API_KEY: the operator key is never an account's key.")
            .ValidateOnStart();

        services.TryAddTimeProvider();
        builder.AddLibromiTelemetry();
        services.AddSingleton<IdGenerator>();
        var storage = StorageProviders.Find(configuration["Storage:Provider"] ?? new StorageOptions().Provider);
        services.AddSingleton(p => storage.Create(p.GetRequiredService<IOptions<StorageOptions>>().Value,
            p.GetRequiredService<IOptions<Retention.RetentionOptions>>().Value, p.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<Accounts.Settings.AccountSettings>();
        services.AddSingleton<Contacts.PhoneCheck.PhoneCheck>();
        services.AddSingleton<Accounts.Admin.AccountAdmin>();
        services.AddSingleton<Accounts.Portal.PortalSessions>();
        services.AddSingleton<Idempotency>();
        services.AddSingleton<EventWriter>();
        services.AddSingleton<OperationalEvents>();
        services.AddSingleton<ContactService>();
        services.AddSingleton<MessageService>();
        services.AddSingleton<Chatbots.ChatbotService>();
        services.AddSingleton<Webhooks.WebhookService>();
        services.AddSingleton<DeliveryService>();
        services.AddSingleton<EventService>();
        services.AddSingleton<Stats.StatsService>();
        services.AddSingleton<Listen.ListenService>();

        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<DeliveryChanges>();
        services.AddSingleton<Listen.ListenRelay>();
        services.AddHostedService<StartupTasks>();
        services.AddHostedService<PrivateNetworksWarning>();
        var node = NodeOptions.Read(configuration);
        services.AddSingleton(node);
        if (node.ServesApi)
        {
            services.AddApiKeyAuthentication(adminApi: !string.IsNullOrEmpty(configuration["Admin:ApiKey"]));
            services.AddLibromiDashboard(configuration);
        }
        services.AddRetention(configuration, storage, runsPurge: node.ServesApi);
        services.AddLibromiHealth(configuration, node);
        if (node.Delivers)
        {
            AddDeliveryEngine(services);
            storage.AddDeliveryServices?.Invoke(services);
        }

        services.Configure<JsonOptions>(o => ApiJson.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDefaults.Customize);
        services.AddExceptionHandler<ProblemResponses>();
        services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiProductInfo>().AddDocumentTransformer<OpenApiServers>().AddDocumentTransformer<OpenApiRawJsonFields>().AddSchemaTransformer<OpenApiTextSchemas>());

        var maxBody = configuration.GetSection("Api").Get<ApiOptions>()?.MaxRequestBodySize ?? new ApiOptions().MaxRequestBodySize;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = maxBody;
            k.Limits.MaxRequestHeadersTotalSize = RequestHeaderLimits.KestrelTotalSize;
            k.Limits.MaxRequestHeaderCount = RequestHeaderLimits.KestrelCount;
        });
        return builder;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(s => s.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    /// <summary>The engine's stages; the recorder is registered first so that it stops last, after the dispatcher has drained.</summary>
    private static void AddDeliveryEngine(IServiceCollection services)
    {
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<EndpointGovernor>();
        services.AddSingleton(sp => new RetryPolicy(sp.GetRequiredService<IOptions<DeliveryOptions>>().Value, Random.Shared));
        services.AddSingleton<IDeliveryTransport, HttpTransport>();
        services.AddSingleton<IDeliveryTransport, Listen.ListenTransport>();
        services.AddSingleton<AttemptRunner>();
        services.AddSingleton<OutcomeRecorder>();
        services.AddSingleton<DispatcherHeartbeat>();
        services.AddHostedService(sp => sp.GetRequiredService<OutcomeRecorder>());
        services.AddHostedService<Dispatcher>();
    }
}
