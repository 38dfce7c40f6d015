using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Libromi.Connect.Server.Telemetry;

/// <summary>
/// OpenTelemetry for the server: the <c>Libromi.Connect</c> meter and activity source, ASP.NET Core's
/// <c>http.server.*</c> and the HTTP client's <c>http.client.*</c> metrics, and the request spans. The Prometheus
/// scrape endpoint (<c>/metrics</c>) is on unless <c>Telemetry:Prometheus=false</c>; OTLP export of traces, metrics and
/// logs is on when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a per-signal variant) is set. Log scopes carry
/// the trace and span ids.
/// </summary>
public static class TelemetryRegistration
{
    private static readonly string[] OtlpEndpointVariables =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    ];

    public static WebApplicationBuilder AddLibromiTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection("Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddOptions<TelemetryOptions>().Bind(builder.Configuration.GetSection("Telemetry"))
            .Validate(o => o.BacklogInterval >= TimeSpan.FromSeconds(1), "Telemetry:BacklogInterval must be at least 00:00:01.")
            .ValidateOnStart();
        services.AddSingleton<BacklogSampler>();
        services.AddHostedService(p => p.GetRequiredService<BacklogSampler>());
        services.AddSingleton<ConnectMetrics>();

        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("libromi-connect", serviceVersion: typeof(TelemetryRegistration).Assembly.GetName().Version?.ToString(3)))
            .WithMetrics(m =>
            {
                m.AddMeter(ConnectDiagnostics.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (options.Prometheus)
                {
                    // Every scrape reads the instruments afresh: the default caches an answer for 300 ms.
                    m.AddPrometheusExporter(p => p.ScrapeResponseCacheDurationMilliseconds = 0);
                }
            })
            .WithTracing(t => t.AddSource(ConnectDiagnostics.Name).AddAspNetCoreInstrumentation(a => a.Filter = IsTraced));
        if (OtlpEndpointVariables.Any(v => !string.IsNullOrWhiteSpace(builder.Configuration[v])))
        {
            otel.UseOtlpExporter();
        }
        return builder;
    }

    /// <summary>Maps <c>/metrics</c> when the Prometheus exporter is on.</summary>
    public static WebApplication MapLibromiTelemetry(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint().WithTags("Telemetry");
        }
        return app;
    }

    // Scrapes and probes every few seconds would drown the traces that matter.
    private static bool IsTraced(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal) && !context.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal);
}
