using Libromi.Connect.Server.Accounts;

namespace Libromi.Connect.Server.Api;

/// <summary>
/// Marks a POST as idempotent: it runs in one write scope (<see cref="Idempotency.Scope"/>) and a repeat with the same
/// <c>Idempotency-Key</c> answers the first response again. The request is fingerprinted by its body, or by the route's
/// <c>id</c> for a POST without one.
/// </summary>
public static class IdempotentEndpoint
{
    public static RouteHandlerBuilder Idempotent<TRequest>(this RouteHandlerBuilder builder) =>
        builder.Run(context => context.Arguments.OfType<TRequest>().First());

    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder) =>
        builder.Run(context => context.HttpContext.Request.RouteValues["id"]);

    private static RouteHandlerBuilder Run(this RouteHandlerBuilder builder, Func<EndpointFilterInvocationContext, object?> request) => builder
        .AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var idempotency = http.RequestServices.GetRequiredService<Idempotency>();
            return await idempotency.RunAsync(http, Caller.Of(http).AccountId, request(context), async (scope, _) =>
            {
                http.Features.Set(scope);
                return await next(context) as IResult
                    ?? throw new InvalidOperationException("An idempotent handler answers an IResult.");
            });
        })
        .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity, ApiProblem.ContentType)
        .ProducesProblem(StatusCodes.Status409Conflict, ApiProblem.ContentType);
}
