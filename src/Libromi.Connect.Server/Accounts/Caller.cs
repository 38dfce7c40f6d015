using System.Reflection;

namespace Libromi.Connect.Server.Accounts;

/// <summary>
/// The authenticated account of the current request, with its default region for national phone numbers (as its key
/// was last read, at most a second ago); a handler parameter of this type is bound from the request.
/// </summary>
public sealed record Caller(string AccountId, string? DefaultRegion = null)
{
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) => ValueTask.FromResult<Caller?>(Of(context));

    public static Caller Of(HttpContext context) =>
        context.User.FindFirst(ApiKeyAuthentication.AccountClaim)?.Value is { } accountId
            ? new Caller(accountId, context.User.FindFirst(ApiKeyAuthentication.RegionClaim)?.Value)
            : throw new InvalidOperationException("The endpoint is outside the authenticated /api/v1 group.");
}
