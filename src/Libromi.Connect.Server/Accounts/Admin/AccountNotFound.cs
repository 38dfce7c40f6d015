using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Libromi.Connect.Server.Accounts.Admin;

/// <summary>404 of the admin API: there is no account with this id.</summary>
public sealed class AccountNotFound(string id) : Api.ApiProblem(new ProblemDetails
{
    Status = StatusCodes.Status404NotFound,
    Title = "Not found",
    Detail = $"No account with id '{id}' exists; GET /admin/v1/accounts lists them.",
}), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound, typeof(ProblemDetails), [ContentType]));
}
