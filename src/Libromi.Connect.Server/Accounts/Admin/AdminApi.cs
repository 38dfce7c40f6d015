using Libromi.Connect.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Libromi.Connect.Server.Accounts.Admin;

/// <summary><c>/admin/v1/accounts</c>: the operator creates, lists, disables and enables accounts.</summary>
public static class AdminApi
{
    public const int MaxNameLength = 200;

    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/accounts").WithTags("Admin");
        group.MapPost("/", Create);
        group.MapGet("/", List);
        group.MapPost("/{id}/disable", (string id, AccountAdmin accounts, CancellationToken cancellationToken) => SetDisabled(id, true, accounts, cancellationToken));
        group.MapPost("/{id}/enable", (string id, AccountAdmin accounts, CancellationToken cancellationToken) => SetDisabled(id, false, accounts, cancellationToken));
        return admin;
    }

    private static async Task<Results<Created<CreatedAccount>, ValidationFailed>> Create(CreateAccountRequest request, AccountAdmin accounts, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var name = validator.Text("name", request.Name, required: true, MaxNameLength);
        if (validator.Errors() is { } errors)
        {
            return new ValidationFailed(errors);
        }
        return TypedResults.Created(default(string), await accounts.CreateAsync(name!, cancellationToken));
    }

    private static async Task<Results<Ok<Page<Account>>, ValidationFailed>> List(string? limit, string? cursor, AccountAdmin accounts, CancellationToken cancellationToken) =>
        PageRequest.Parse(limit, cursor, "acc", out var page) is { } errors
            ? new ValidationFailed(errors)
            : TypedResults.Ok(await accounts.ListAsync(page, cancellationToken));

    private static async Task<Results<Ok<Account>, AccountNotFound>> SetDisabled(string id, bool disabled, AccountAdmin accounts, CancellationToken cancellationToken) =>
        await accounts.SetDisabledAsync(id, disabled, cancellationToken) is { } account ? TypedResults.Ok(account) : new AccountNotFound(id);
}
