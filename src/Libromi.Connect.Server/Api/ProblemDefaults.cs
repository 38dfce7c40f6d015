namespace Libromi.Connect.Server.Api;

/// <summary>
/// Completes every problem response, also those the framework writes itself (status code pages for 413, 415, 405, an
/// unknown route): each names the request path and carries a detail that says what to fix.
/// </summary>
public static class ProblemDefaults
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status404NotFound => $"There is no resource at {context.HttpContext.Request.Path}. Check the path against the API reference at /docs.",
            StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Method} is not supported here; the 'Allow' header lists the methods that are.",
            StatusCodes.Status413PayloadTooLarge => TooLarge,
            StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
            _ => null,
        };
        if (problem.Status == StatusCodes.Status413PayloadTooLarge)
        {
            problem.Title = "Request body too large";
        }
    }

    public const string TooLarge = "The request body is larger than this server accepts (Api:MaxRequestBodySize, 1 MiB by default). Send a smaller body.";

    public const string UnsupportedMediaType = "Send the request body as JSON with the header 'Content-Type: application/json'.";

    public const string MissingBody = "This request needs a JSON body with the header 'Content-Type: application/json'.";
}
