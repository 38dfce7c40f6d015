using Libromi.Connect.Webhooks.Signing;
using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Events;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Webhooks;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Webhooks;

/// <summary><c>/api/v1/webhooks</c>: register endpoints, and test, rotate and recover them.</summary>
public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Webhooks");
        group.MapPost("/", Create).Produces<Webhook>(StatusCodes.Status201Created);
        group.MapGet("/{id}", Get);
        group.MapGet("/{id}/secret", GetSecret);
        group.MapGet("/", List);
        group.MapPatch("/{id}", Update);
        group.MapDelete("/{id}", Delete);
        group.MapPost("/{id}/rotate-secret", RotateSecret).Produces<Webhook>();
        group.MapPost("/{id}/test", Test).Produces<TestWebhookResponse>(StatusCodes.Status202Accepted);
        group.MapPost("/{id}/recover", Recover).Produces<RecoverWebhookResponse>(StatusCodes.Status202Accepted);
        return api;
    }

    private static Task<IResult> Create(CreateWebhookRequest request, Caller caller, HttpContext http, Idempotency idempotency,
        IdGenerator ids, TimeProvider time, IOptions<DeliveryOptions> options)
    {
        var validator = new Validator();
        var url = WebhookValidation.Url(validator, request.Url, required: true, options.Value.AllowPrivateNetworks);
        var events = WebhookValidation.Events(validator, request.Events, required: true);
        var description = validator.Text("description", request.Description, required: false, WebhookValidation.MaxDescriptionLength);
        validator.ThrowIfInvalid();
        return idempotency.RunAsync(http, caller, request, StatusCodes.Status201Created, async (scope, ct) =>
        {
            var now = time.GetUtcNow();
            var webhook = new Webhook(ids.New("whk"), url!, events!.Value.Names, description is { Length: > 0 } ? description : null,
                request.Enabled ?? true, null, WebhookSecret.Generate(), null, now, now);
            await WebhookStore.InsertAsync(scope, caller.AccountId, webhook, events.Value.Mask, null, ct);
            return webhook;
        });
    }

    private static async Task<Webhook> Get(string id, Caller caller, Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await WebhookStore.FindAsync(connection, null, caller.AccountId, id, cancellationToken) ?? throw ApiException.NotFound("webhook", id);
    }

    private static async Task<WebhookSecretResponse> GetSecret(string id, Caller caller, Database database, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await WebhookStore.FindSecretAsync(connection, caller.AccountId, id, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken)
            ?? throw ApiException.NotFound("webhook", id);
    }

    private static async Task<Page<Webhook>> List(Caller caller, Database database, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.Parse(limit, cursor, "whk");
        await using var connection = await database.OpenAsync(cancellationToken);
        return await WebhookStore.ListAsync(connection, caller.AccountId, page, cancellationToken);
    }

    private static async Task<Webhook> Update(string id, UpdateWebhookRequest request, Caller caller, Database database, TimeProvider time,
        IOptions<DeliveryOptions> options, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var url = WebhookValidation.Url(validator, request.Url, required: false, options.Value.AllowPrivateNetworks);
        var events = WebhookValidation.Events(validator, request.Events, required: false);
        var description = validator.Text("description", request.Description, required: false, WebhookValidation.MaxDescriptionLength);
        validator.ThrowIfInvalid();
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        var current = await WebhookStore.FindAsync(scope.Connection, scope.Transaction, caller.AccountId, id, cancellationToken)
            ?? throw ApiException.NotFound("webhook", id);
        var enabled = request.Enabled ?? current.Enabled;
        var updated = current with
        {
            Url = url ?? current.Url,
            Events = events?.Names ?? current.Events,
            Description = description is null ? current.Description : description.Length == 0 ? null : description,
            Enabled = enabled,
            DisabledReason = enabled ? null : request.Enabled == false ? "disabled_by_user" : current.DisabledReason,
            UpdatedAt = time.GetUtcNow(),
        };
        var mask = events?.Mask ?? EventCatalog.MaskOf(current.Events);
        await WebhookStore.UpdateAsync(scope, caller.AccountId, updated, mask, cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return updated;
    }

    private static async Task<IResult> Delete(string id, Caller caller, Database database, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        if (!await WebhookStore.DeleteAsync(scope, caller.AccountId, id, cancellationToken))
        {
            throw ApiException.NotFound("webhook", id);
        }
        await scope.CommitAsync(cancellationToken);
        return Results.NoContent();
    }

    private static Task<IResult> RotateSecret(string id, Caller caller, HttpContext http, Idempotency idempotency, TimeProvider time, IOptions<DeliveryOptions> options) =>
        idempotency.RunAsync(http, caller, id, StatusCodes.Status200OK, async (scope, ct) =>
        {
            _ = await WebhookStore.FindAsync(scope.Connection, scope.Transaction, caller.AccountId, id, ct) ?? throw ApiException.NotFound("webhook", id);
            var now = time.GetUtcNow();
            var secret = WebhookSecret.Generate();
            await WebhookStore.RotateSecretAsync(scope, caller.AccountId, id, secret,
                (now + options.Value.SecretGracePeriod).ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), ct);
            return (await WebhookStore.FindAsync(scope.Connection, scope.Transaction, caller.AccountId, id, ct))! with { Secret = secret };
        });

    private static Task<IResult> Test(string id, Caller caller, HttpContext http, Idempotency idempotency, EventWriter events) =>
        idempotency.RunAsync(http, caller, id, StatusCodes.Status202Accepted, async (scope, ct) =>
        {
            var webhook = await WebhookStore.FindAsync(scope.Connection, scope.Transaction, caller.AccountId, id, ct) ?? throw ApiException.NotFound("webhook", id);
            var eventId = await events.AppendAsync(scope, caller.AccountId, EventCatalog.TestPing(webhook.Id, webhook.Url), ct, onlyWebhookId: webhook.Id);
            var deliveryId = await DeliveryStore.FindIdByEventAsync(scope, eventId, webhook.Id, ct);
            return new TestWebhookResponse(eventId, DeliveryStore.PublicId(deliveryId));
        });

    private static Task<IResult> Recover(string id, RecoverWebhookRequest request, Caller caller, HttpContext http, Idempotency idempotency, DeliverySignal signal, TimeProvider time)
    {
        if (request.Since is null)
        {
            throw ApiException.Validation("since", "'since' is required: an ISO-8601 time such as 2026-01-31T00:00:00Z; failed deliveries created since then are queued again.");
        }
        return idempotency.RunAsync(http, caller, request, StatusCodes.Status202Accepted, async (scope, ct) =>
        {
            _ = await WebhookStore.FindAsync(scope.Connection, scope.Transaction, caller.AccountId, id, ct) ?? throw ApiException.NotFound("webhook", id);
            var count = await DeliveryStore.RequeueFailedAsync(scope, caller.AccountId, id, request.Since.Value.ToUnixTimeMilliseconds(), time.GetUtcNow().ToUnixTimeMilliseconds(), ct);
            await scope.WakeWorkersOnCommitAsync(signal.Notify, ct);
            return new RecoverWebhookResponse(count);
        });
    }
}
