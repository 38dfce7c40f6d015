using Libromi.Connect.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Libromi.Connect.Server.Accounts;

/// <summary><c>/api/v1/api-keys</c>: the account's own API keys, created (shown once), listed and revoked.</summary>
public static class ApiKeysApi
{
    public const int MaxNameLength = 200;

    public static RouteGroupBuilder MapApiKeysApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/api-keys").WithTags("API keys");
        // Not idempotent on purpose: a remembered response would keep the key's text in the store, which holds only its hash.
        group.MapPost("/", Create);
        group.MapGet("/", List);
        group.MapDelete("/{id}", Revoke);
        return api;
    }

    private static async Task<Results<Created<ApiKey>, ValidationFailed>> Create(CreateApiKeyRequest request, [AsParameters] ApiKeyServices s)
    {
        if (Validate(request, out var name) is { } errors)
        {
            return new ValidationFailed(errors);
        }
        var key = await s.Keys.CreateKeyAsync(s.Caller.AccountId, name, request.Scope ?? ApiKeyScope.Full, s.CancellationToken);
        return TypedResults.Created(default(string), key);
    }

    /// <summary>The errors of a request to create a key, or null and its trimmed name; the dashboard's form uses it too.</summary>
    public static Dictionary<string, string[]>? Validate(CreateApiKeyRequest request, out string name)
    {
        var validator = new Validator();
        name = validator.Text("name", request.Name, required: true, MaxNameLength) ?? "";
        if (request.Scope is not null && !ApiKeyScope.IsKnown(request.Scope))
        {
            validator.Add("scope", $"'scope' must be \"{ApiKeyScope.Full}\" or \"{ApiKeyScope.Read}\"; '{request.Scope}' is not.");
        }
        return validator.Errors();
    }

    private static async Task<Results<Ok<Page<ApiKey>>, ValidationFailed>> List(string? limit, string? cursor, [AsParameters] ApiKeyServices s) =>
        PageRequest.Parse(limit, cursor, "key", out var page) is { } errors
            ? new ValidationFailed(errors)
            : TypedResults.Ok(await s.Keys.ListAsync(s.Caller.AccountId, page, s.CancellationToken));

    private static async Task<Results<NoContent, NotFoundProblem, ConflictProblem>> Revoke(string id, [AsParameters] ApiKeyServices s) =>
        await s.Keys.RevokeAsync(s.Caller.AccountId, id, s.CancellationToken) switch
        {
            ApiKeys.RevokeResult.Revoked => TypedResults.NoContent(),
            ApiKeys.RevokeResult.LastFullKey => new ConflictProblem(
                $"'{id}' is the account's last key with the 'full' scope, and without one nobody could create keys again; create another full key first, then revoke this one."),
            _ => new NotFoundProblem("API key", id),
        };
}

/// <summary>What every <see cref="ApiKeysApi"/> handler is given (bound with <c>[AsParameters]</c>).</summary>
public sealed record ApiKeyServices(ApiKeys Keys, Caller Caller, CancellationToken CancellationToken);
