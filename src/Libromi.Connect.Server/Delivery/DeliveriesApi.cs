using System.Globalization;
using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Webhooks;

namespace Libromi.Connect.Server.Delivery;

/// <summary>Delivery logs and manual retries: <c>/api/v1/webhooks/{id}/deliveries</c> and <c>/api/v1/deliveries/{id}</c>.</summary>
public static class DeliveriesApi
{
    public static RouteGroupBuilder MapDeliveriesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/webhooks/{id}/deliveries", List).WithTags("Deliveries");
        api.MapGet("/deliveries/{id}", Get).WithTags("Deliveries");
        api.MapPost("/deliveries/{id}/retry", Retry).WithTags("Deliveries").Produces<DeliveryView>(StatusCodes.Status202Accepted);
        return api;
    }

    private static async Task<Page<DeliveryView>> List(string id, Caller caller, Database database, string? status, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        int? statusCode = null;
        if (status is not null)
        {
            var index = Array.IndexOf(DeliveryStore.Statuses, status);
            if (index < 0)
            {
                validator.Add("status", $"'status' must be one of {string.Join(", ", DeliveryStore.Statuses)}; '{status}' is not.");
            }
            statusCode = index;
        }
        var page = PageRequest.Parse(limit, cursor, DeliveryStore.Prefix);
        validator.ThrowIfInvalid();
        await using var connection = await database.OpenAsync(cancellationToken);
        if (!await WebhookStore.HasDeliveryTargetAsync(connection, caller.AccountId, id, cancellationToken))
        {
            throw ApiException.NotFound("webhook", id);
        }
        var before = page.After is null ? null : DeliveryStore.ParseId(page.After);
        return await DeliveryStore.ListAsync(connection, caller.AccountId, id, statusCode, page.Limit, before, cancellationToken);
    }

    private static async Task<DeliveryView> Get(string id, Caller caller, Database database, CancellationToken cancellationToken)
    {
        var key = DeliveryStore.ParseId(id) ?? throw ApiException.NotFound("delivery", id);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await DeliveryStore.FindAsync(connection, null, caller.AccountId, key, cancellationToken) ?? throw ApiException.NotFound("delivery", id);
    }

    private static Task<IResult> Retry(string id, Caller caller, HttpContext http, Idempotency idempotency, DeliverySignal signal, TimeProvider time)
    {
        var key = DeliveryStore.ParseId(id) ?? throw ApiException.NotFound("delivery", id);
        return idempotency.RunAsync(http, caller, id, StatusCodes.Status202Accepted, async (scope, ct) =>
        {
            var current = await DeliveryStore.FindAsync(scope.Connection, scope.Transaction, caller.AccountId, key, ct) ?? throw ApiException.NotFound("delivery", id);
            if (!await DeliveryStore.RetryAsync(scope, caller.AccountId, key, time.GetUtcNow().ToUnixTimeMilliseconds(), ct))
            {
                throw ApiException.Conflict($"Delivery {id} is already pending (attempt {current.AttemptCount.ToString(CultureInfo.InvariantCulture)} done); it will be attempted without a retry request.");
            }
            await scope.WakeWorkersOnCommitAsync(signal.Notify, ct);
            return (await DeliveryStore.FindAsync(scope.Connection, scope.Transaction, caller.AccountId, key, ct))!;
        });
    }
}
