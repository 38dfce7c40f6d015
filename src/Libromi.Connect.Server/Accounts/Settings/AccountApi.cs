using System.Text.Json;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Contacts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Libromi.Connect.Server.Accounts.Settings;

/// <summary><c>/api/v1/account</c>: the calling account, and its <c>default_region</c> for phone numbers.</summary>
public static class AccountApi
{
    public static RouteGroupBuilder MapAccountApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/account").WithTags("Account");
        group.MapGet("/", Get);
        group.MapPatch("/", Update);
        return api;
    }

    private static async Task<Results<Ok<AccountView>, NotFoundProblem>> Get([AsParameters] AccountServices s) =>
        await s.Settings.FindAsync(s.Caller.AccountId, s.CancellationToken) is { } account
            ? TypedResults.Ok(account)
            : new NotFoundProblem("account", s.Caller.AccountId);

    private static async Task<Results<Ok<AccountView>, ValidationFailed, NotFoundProblem>> Update(UpdateAccountRequest request, [AsParameters] AccountServices s)
    {
        if (Validate(request, out var region) is { } errors)
        {
            return new ValidationFailed(errors);
        }
        return await s.Settings.SetDefaultRegionAsync(s.Caller.AccountId, region, s.CancellationToken) is { } account
            ? TypedResults.Ok(account)
            : new NotFoundProblem("account", s.Caller.AccountId);
    }

    /// <summary>A known region code, upper-cased, or null for "none"; the field must be present.</summary>
    public static Dictionary<string, string[]>? Validate(UpdateAccountRequest request, out string? region)
    {
        region = null;
        var validator = new Validator();
        switch (request.DefaultRegion)
        {
            case { ValueKind: JsonValueKind.Undefined }:
                validator.Add("default_region", "'default_region' is required: a region code such as \"GB\", or null for international format only.");
                break;
            case { ValueKind: JsonValueKind.Null }:
                break;
            case { ValueKind: JsonValueKind.String } text when text.GetString()!.Trim().ToUpperInvariant() is var code && PhoneNumber.Regions.Contains(code):
                region = code;
                break;
            case { ValueKind: JsonValueKind.String } text:
                validator.Add("default_region", $"'default_region' must be an ISO 3166 alpha-2 region code with a calling code, such as \"GB\", \"US\" or \"IN\"; '{text.GetString()}' is not.");
                break;
            default:
                validator.Add("default_region", "'default_region' must be a string such as \"GB\", or null.");
                break;
        }
        return validator.Errors();
    }
}

/// <summary>What every <see cref="AccountApi"/> handler is given (bound with <c>[AsParameters]</c>).</summary>
public sealed record AccountServices(AccountSettings Settings, Caller Caller, CancellationToken CancellationToken);
