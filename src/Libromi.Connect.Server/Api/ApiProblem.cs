using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Libromi.Connect.Server.Api;

/// <summary>
/// An RFC 9457 answer a handler returns. It is written by the same problem details service as the failures the
/// exception handler answers, so both carry the same <c>type</c>, <c>instance</c> and <c>trace_id</c>.
/// </summary>
public abstract class ApiProblem(ProblemDetails problem) : IResult, IStatusCodeHttpResult, IValueHttpResult<ProblemDetails>
{
    public const string ContentType = "application/problem+json";

    public ProblemDetails Value { get; } = problem;

    public int? StatusCode => Value.Status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = Value.Status ?? StatusCodes.Status500InternalServerError;
        // The exception handler marks the problems it writes so; a problem answers the same whichever way it came.
        httpContext.Response.Headers.Pragma = "no-cache";
        httpContext.Response.Headers.Expires = "-1";
        var problems = httpContext.RequestServices?.GetService<IProblemDetailsService>();
        if (problems is null || !await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = Value }))
        {
            await httpContext.Response.WriteAsJsonAsync(Value, Value.GetType(), ApiJson.Options, ContentType);
        }
    }

    /// <summary>The OpenAPI description of a problem answer with this status.</summary>
    protected static void Describe<TProblem>(EndpointBuilder builder, int status) where TProblem : ProblemDetails =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(TProblem), [ContentType]));
}
