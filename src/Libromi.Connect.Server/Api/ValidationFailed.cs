using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Libromi.Connect.Server.Api;

/// <summary>422: every invalid field of the request, each with what to fix; the detail joins the messages.</summary>
public sealed class ValidationFailed(IDictionary<string, string[]> errors) : ApiProblem(new ValidationProblemDetails(errors)
{
    Status = StatusCodes.Status422UnprocessableEntity,
    Title = "Validation failed",
    Detail = string.Join(" ", errors.SelectMany(e => e.Value)),
}), IEndpointMetadataProvider
{
    public ValidationFailed(string field, string message)
        : this(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] })
    {
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Describe<HttpValidationProblemDetails>(builder, StatusCodes.Status422UnprocessableEntity);
}
