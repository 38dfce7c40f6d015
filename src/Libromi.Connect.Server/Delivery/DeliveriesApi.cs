using Libromi.Connect.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Libromi.Connect.Server.Delivery;

/// <summary>Delivery logs and manual retries: <c>/api/v1/webhooks/{id}/deliveries</c> and <c>/api/v1/deliveries/{id}</c>.</summary>
public static class DeliveriesApi
{
    public static RouteGroupBuilder MapDeliveriesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/webhooks/{id}/deliveries", List).WithTags("Deliveries");
        api.MapGet("/deliveries/{id}", Get).WithTags("Deliveries");
        api.MapPost("/deliveries/{id}/retry", Retry).WithTags("Deliveries").Idempotent();
        return api;
    }

    private static async Task<Results<Ok<Page<DeliveryView>>, ValidationFailed, NotFoundProblem>> List(string id, string? status, string? limit, string? cursor,
        [AsParameters] DeliveryServices s)
    {
        if (DeliveryValidation.List(status, limit, cursor, out var statusCode, out var page) is { } errors)
        {
            return new ValidationFailed(errors);
        }
        return await s.Deliveries.ListAsync(s.Caller.AccountId, id, statusCode, page, s.CancellationToken) is { } deliveries
            ? TypedResults.Ok(deliveries)
            : new NotFoundProblem("webhook", id);
    }

    private static async Task<Results<Ok<DeliveryView>, NotFoundProblem>> Get(string id, [AsParameters] DeliveryServices s) =>
        await s.Deliveries.FindAsync(s.Caller.AccountId, id, s.CancellationToken) is { } delivery ? TypedResults.Ok(delivery) : new NotFoundProblem("delivery", id);

    private static async Task<Results<Accepted<DeliveryView>, NotFoundProblem, ConflictProblem>> Retry(string id, [AsParameters] DeliveryServices s)
    {
        var outcome = await s.Deliveries.RetryAsync(Idempotency.Scope(s.Http), s.Caller.AccountId, id, s.CancellationToken);
        return outcome switch
        {
            { Conflict: { } conflict } => new ConflictProblem(conflict),
            { Missing: true } => new NotFoundProblem("delivery", id),
            _ => TypedResults.Accepted(default(string), outcome.Value),
        };
    }
}
