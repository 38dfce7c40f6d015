using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Libromi.Connect.Server.Api;

/// <summary>409: the request clashes with the current state; the detail says how to resolve it.</summary>
public sealed class ConflictProblem(string detail) : ApiProblem(new ProblemDetails
{
    Status = StatusCodes.Status409Conflict,
    Title = "Conflict",
    Detail = detail,
}), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Describe<ProblemDetails>(builder, StatusCodes.Status409Conflict);
}
