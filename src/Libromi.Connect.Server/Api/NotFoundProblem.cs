using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Libromi.Connect.Server.Api;

/// <summary>404: the account has no such resource.</summary>
public sealed class NotFoundProblem(string resource, string id) : ApiProblem(new ProblemDetails
{
    Status = StatusCodes.Status404NotFound,
    Title = "Not found",
    Detail = $"No {resource} with id '{id}' exists in this account.",
}), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Describe<ProblemDetails>(builder, StatusCodes.Status404NotFound);
}
