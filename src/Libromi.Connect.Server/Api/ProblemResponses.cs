using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Libromi.Connect.Server.Api;

/// <summary>Turns every failure into RFC 9457 problem+json that says what to fix.</summary>
public sealed partial class ProblemResponses(IProblemDetailsService problems, Storage.Database database, ILogger<ProblemResponses> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var unavailable = database.IsUnavailable(exception);
        if (unavailable)
        {
            database.ForgetConnections();
        }
        var problem = unavailable ? StoreUnavailable
            : database.IsUniqueViolation(exception) ? ConcurrentConflict
            : ToProblem(httpContext, exception);
        if (problem.Status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = problem.Status ?? 500;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails ToProblem(HttpContext http, Exception exception) => exception switch
    {
        ApiException api => new ProblemDetails { Status = api.Status, Title = api.Title, Detail = api.Message },
        BadHttpRequestException { StatusCode: 413 } => new ProblemDetails
        {
            Status = 413,
            Title = "Request body too large",
            Detail = ProblemDefaults.TooLarge,
        },
        BadHttpRequestException { InnerException: MalformedTextException text } => MalformedJson.MalformedText(text),
        BadHttpRequestException { InnerException: JsonException json } => MalformedJson.Describe(json, Accepted(http)?.RequestType),
        BadHttpRequestException bad when bad.StatusCode == 415 => new ProblemDetails
        {
            Status = 415,
            Title = "Unsupported media type",
            Detail = ProblemDefaults.UnsupportedMediaType,
        },
        // The framework's own answer ("Implicit body inferred ... Did you mean to use a Service") speaks to the server's developer, not the caller.
        BadHttpRequestException { StatusCode: 400, InnerException: null } when Accepted(http) is not null && HasNoBody(http.Request) => new ProblemDetails
        {
            Status = 400,
            Title = "Missing request body",
            Detail = ProblemDefaults.MissingBody,
        },
        BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
        _ => new ProblemDetails { Status = 500, Title = "Internal server error", Detail = "An unexpected error occurred; it has been logged." },
    };

    /// <summary>What the failed endpoint reads from the body, if it reads one (the handler runs with the endpoint cleared).</summary>
    private static IAcceptsMetadata? Accepted(HttpContext http) =>
        http.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>();

    private static bool HasNoBody(HttpRequest request) =>
        request.ContentLength == 0 || request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false;

    /// <summary>What a 503 asks the caller to wait: long enough for a restarted database or a freed disk, short enough not to matter.</summary>
    private const string RetryAfterSeconds = "5";

    private static ProblemDetails StoreUnavailable => new()
    {
        Status = 503,
        Title = "Store unavailable",
        Detail = "The database cannot be used right now (unreachable, locked, full or damaged); nothing was stored. Retry the request later.",
    };

    // Two requests (on two nodes) created the same unique thing at once; the loser's transaction stored nothing.
    private static ProblemDetails ConcurrentConflict => new()
    {
        Status = 409,
        Title = "Conflict",
        Detail = "Another request changed the same resource at the same moment; nothing was stored. Retry the request.",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
