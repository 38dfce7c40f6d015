namespace Libromi.Connect.Server.Api;

/// <summary>
/// Lists in the OpenAPI document the problem answers that come from the pipeline rather than from a handler: 401 from
/// authentication, 403 from authorization (a disabled account, a read key writing) and 503 from a store fault on every endpoint, and 400 (malformed JSON) and 415 on those with a body.
/// </summary>
public static class ProblemMetadata
{
    public static RouteGroupBuilder WithPipelineProblems(this RouteGroupBuilder group)
    {
        IEndpointConventionBuilder conventions = group;
        conventions.Add(endpoint => Describe(endpoint, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status503ServiceUnavailable));
        // Finally: the body's metadata is inferred from the handler before conventions run, so it is there to see.
        conventions.Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>().Any())
            {
                Describe(endpoint, StatusCodes.Status400BadRequest, StatusCodes.Status415UnsupportedMediaType);
            }
        });
        return group;
    }

    private static void Describe(EndpointBuilder endpoint, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), [ApiProblem.ContentType]));
        }
    }
}
