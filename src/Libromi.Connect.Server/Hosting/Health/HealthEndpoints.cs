using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Libromi.Connect.Server.Hosting.Health;

/// <summary>
/// The probes, unauthenticated on every node: <c>/healthz/live</c> (the process is up and serves HTTP; runs no check, so
/// a store outage never gets the process restarted), <c>/healthz/ready</c> (the checks tagged <see cref="HealthTags.Ready"/>:
/// the store, and on a worker node the dispatcher), and <c>/healthz</c>, kept as an alias of live for the scripts and
/// benchmarks that use it. A failing probe answers 503 with the failing check named.
/// </summary>
public static class HealthEndpoints
{
    public const string Live = "/healthz/live";
    public const string Ready = "/healthz/ready";

    public static WebApplication MapLibromiHealth(this WebApplication app)
    {
        var health = app.MapGroup("/healthz").WithTags("Health");
        health.MapGet("", LiveAsync).WithSummary("Alias of /healthz/live.").Produces<HealthAnswer>();
        health.MapGet("/live", LiveAsync).WithSummary("The process is up.").Produces<HealthAnswer>();
        health.MapGet("/ready", ReadyAsync).WithSummary("The node can do its job: the store answers, and on a worker node the dispatcher runs.")
            .Produces<HealthAnswer>().Produces<HealthAnswer>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<JsonHttpResult<HealthAnswer>> LiveAsync(HealthCheckService health, HttpContext http) =>
        Answer(http, await health.CheckHealthAsync(_ => false, http.RequestAborted));

    private static async Task<JsonHttpResult<HealthAnswer>> ReadyAsync(HealthCheckService health, HttpContext http) =>
        Answer(http, await health.CheckHealthAsync(c => c.Tags.Contains(HealthTags.Ready), http.RequestAborted));

    private static JsonHttpResult<HealthAnswer> Answer(HttpContext http, HealthReport report)
    {
        http.Response.Headers.CacheControl = "no-store";
        var checks = report.Entries
            .Select(e => new HealthCheckAnswer(e.Key, Name(e.Value.Status), e.Value.Description, Math.Round(e.Value.Duration.TotalMilliseconds, 3)))
            .ToList();
        return TypedResults.Json(new HealthAnswer(Name(report.Status), checks),
            statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "ok",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
