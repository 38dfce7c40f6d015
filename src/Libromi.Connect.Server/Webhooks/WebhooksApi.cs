using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Webhooks.Filters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Libromi.Connect.Server.Webhooks;

/// <summary><c>/api/v1/webhooks</c>: register endpoints, and test them and their filters, rotate and recover them.</summary>
public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Webhooks");
        group.MapPost("/", Create).Idempotent<CreateWebhookRequest>();
        group.MapGet("/{id}", Get);
        group.MapGet("/{id}/secret", GetSecret);
        group.MapGet("/", List);
        group.MapPatch("/{id}", Update);
        group.MapDelete("/{id}", Delete);
        group.MapPost("/{id}/rotate-secret", RotateSecret).Idempotent();
        group.MapPost("/{id}/test", Test).Idempotent();
        group.MapPost("/{id}/filter-test", TestFilter);
        group.MapPost("/{id}/recover", Recover).Idempotent<RecoverWebhookRequest>();
        return api;
    }

    private static async Task<Results<Created<Webhook>, ValidationFailed>> Create(CreateWebhookRequest request, [AsParameters] WebhookServices s)
    {
        if (WebhookValidation.Create(request, s.Webhooks.AllowPrivateNetworks, s.Webhooks.Now, out var valid, out var endpoint) is { } errors)
        {
            return new ValidationFailed(errors);
        }
        return TypedResults.Created(default(string), await s.Webhooks.CreateAsync(Idempotency.Scope(s.Http), s.Caller.AccountId, valid, endpoint, s.CancellationToken));
    }

    private static async Task<Results<Ok<Webhook>, NotFoundProblem>> Get(string id, [AsParameters] WebhookServices s) =>
        await s.Webhooks.FindAsync(s.Caller.AccountId, id, s.CancellationToken) is { } webhook ? TypedResults.Ok(webhook) : new NotFoundProblem("webhook", id);

    private static async Task<Results<Ok<WebhookSecretResponse>, NotFoundProblem>> GetSecret(string id, [AsParameters] WebhookServices s) =>
        await s.Webhooks.FindSecretAsync(s.Caller.AccountId, id, s.CancellationToken) is { } secret ? TypedResults.Ok(secret) : new NotFoundProblem("webhook", id);

    private static async Task<Results<Ok<Page<Webhook>>, ValidationFailed>> List(string? limit, string? cursor, [AsParameters] WebhookServices s) =>
        PageRequest.Parse(limit, cursor, "whk", out var page) is { } errors
            ? new ValidationFailed(errors)
            : TypedResults.Ok(await s.Webhooks.ListAsync(s.Caller.AccountId, page, s.CancellationToken));

    private static async Task<Results<Ok<Webhook>, ValidationFailed, NotFoundProblem>> Update(string id, UpdateWebhookRequest request, [AsParameters] WebhookServices s)
    {
        if (WebhookValidation.Update(request, s.Webhooks.AllowPrivateNetworks, out var valid) is { } errors)
        {
            return new ValidationFailed(errors);
        }
        var endpointErrors = new Validator();
        var webhook = await s.Webhooks.UpdateAsync(s.Caller.AccountId, id, valid, endpointErrors, s.CancellationToken);
        if (endpointErrors.Errors() is { } invalid)
        {
            return new ValidationFailed(invalid);
        }
        return webhook is not null ? TypedResults.Ok(webhook) : new NotFoundProblem("webhook", id);
    }

    private static async Task<Results<NoContent, NotFoundProblem>> Delete(string id, [AsParameters] WebhookServices s) =>
        await s.Webhooks.DeleteAsync(s.Caller.AccountId, id, s.CancellationToken) ? TypedResults.NoContent() : new NotFoundProblem("webhook", id);

    private static async Task<Results<Ok<Webhook>, NotFoundProblem>> RotateSecret(string id, [AsParameters] WebhookServices s) =>
        await s.Webhooks.RotateSecretAsync(Idempotency.Scope(s.Http), s.Caller.AccountId, id, s.CancellationToken) is { } webhook
            ? TypedResults.Ok(webhook)
            : new NotFoundProblem("webhook", id);

    private static async Task<Results<Accepted<TestWebhookResponse>, NotFoundProblem>> Test(string id, [AsParameters] WebhookServices s) =>
        await s.Webhooks.TestAsync(Idempotency.Scope(s.Http), s.Caller.AccountId, id, s.CancellationToken) is { } test
            ? TypedResults.Accepted(default(string), test)
            : new NotFoundProblem("webhook", id);

    private static async Task<Results<Ok<FilterTestResponse>, ValidationFailed, NotFoundProblem>> TestFilter(string id, FilterTestRequest request, [AsParameters] WebhookServices s)
    {
        if (FilterValidation.Test(request) is { } errors)
        {
            return new ValidationFailed(errors);
        }
        var outcome = await s.Webhooks.TestFilterAsync(s.Caller.AccountId, id, request, s.CancellationToken);
        return outcome switch
        {
            { Response: { } response } => TypedResults.Ok(response),
            { WebhookFound: false } => new NotFoundProblem("webhook", id),
            _ => new NotFoundProblem("event", request.EventId!),
        };
    }

    private static async Task<Results<Accepted<RecoverWebhookResponse>, ValidationFailed, NotFoundProblem>> Recover(string id, RecoverWebhookRequest request, [AsParameters] WebhookServices s)
    {
        if (WebhookValidation.Recover(request) is { } errors)
        {
            return new ValidationFailed(errors);
        }
        return await s.Webhooks.RecoverAsync(Idempotency.Scope(s.Http), s.Caller.AccountId, id, request.Since!.Value, s.CancellationToken) is { } recovered
            ? TypedResults.Accepted(default(string), recovered)
            : new NotFoundProblem("webhook", id);
    }
}
