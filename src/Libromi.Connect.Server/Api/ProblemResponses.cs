using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
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
            : ToProblem(exception);
        if (problem.Status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = problem.Status ?? 500;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }
        if (exception is ApiException { Status: 401 })
        {
            httpContext.Response.Headers.WWWAuthenticate = "Bearer";
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        ApiException { Errors: not null } api => new ValidationProblemDetails(api.Errors) { Status = api.Status, Title = api.Title, Detail = api.Message },
        ApiException api => new ProblemDetails { Status = api.Status, Title = api.Title, Detail = api.Message },
        BadHttpRequestException { StatusCode: 413 } => new ProblemDetails
        {
            Status = 413,
            Title = "Request body too large",
            Detail = ProblemDefaults.TooLarge,
        },
        BadHttpRequestException { InnerException: MalformedTextException text } => MalformedText(text),
        BadHttpRequestException { InnerException: JsonException json } => Malformed(json),
        BadHttpRequestException bad when bad.StatusCode == 415 => new ProblemDetails
        {
            Status = 415,
            Title = "Unsupported media type",
            Detail = ProblemDefaults.UnsupportedMediaType,
        },
        // The framework's own wording ("Implicit body inferred ... Did you mean to use a Service") speaks to the server's developer, not the caller.
        BadHttpRequestException { StatusCode: 400 } bad when bad.Message.Contains("no body was provided", StringComparison.Ordinal) => new ProblemDetails
        {
            Status = 400,
            Title = "Missing request body",
            Detail = ProblemDefaults.MissingBody,
        },
        BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
        _ => new ProblemDetails { Status = 500, Title = "Internal server error", Detail = "An unexpected error occurred; it has been logged." },
    };

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

    private static ValidationProblemDetails MalformedText(MalformedTextException text)
    {
        var field = text.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
        var message = $"'{field}' contains an unpaired UTF-16 surrogate; send well-formed Unicode text.";
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = 422,
            Title = "Validation failed",
            Detail = message,
        };
    }

    private static ProblemDetails Malformed(JsonException json)
    {
        var where = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "the request body" : $"'{json.Path}'";
        var reason = json.Message.Split(". Path:", 2)[0];
        if (reason.Contains("could not be mapped", StringComparison.Ordinal))
        {
            reason = "this field is not part of the request; check its spelling against the API reference";
        }
        else if (json.InnerException is InvalidOperationException invalid && invalid.Message.Contains("UTF-16", StringComparison.Ordinal))
        {
            // The reader refuses an escape such as "\ud800" with no partner before any validation could see the text.
            reason = "the text contains an unpaired UTF-16 surrogate escape (such as \\ud800); send well-formed Unicode text";
        }
        else if (reason.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            reason = "the value has the wrong JSON type for this field";
        }
        return new ProblemDetails
        {
            Status = 400,
            Title = "Malformed JSON",
            Detail = $"Could not read {where}: {reason}.",
            Extensions = { ["field"] = json.Path },
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
