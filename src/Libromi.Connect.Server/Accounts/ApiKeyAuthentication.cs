using System.Security.Claims;
using System.Text.Encodings.Web;
using Libromi.Connect.Server.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Accounts;

/// <summary>
/// The <c>ApiKey</c> scheme of <c>/api/v1</c>: <c>Authorization: Bearer &lt;key&gt;</c> names the calling account and
/// the key's scope. Its challenge answers 401 problem+json saying what was wrong with the header, and
/// <c>WWW-Authenticate: Bearer</c>; its forbid answers 403 problem+json saying why a valid key may not do this (the
/// account is disabled, or the key has the read scope and the request writes).
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys, ApiKeyUsage usage)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string AccountClaim = "libromi:account";
    public const string KeyClaim = "libromi:key";
    public const string ScopeClaim = "libromi:scope";
    public const string DisabledClaim = "libromi:account-disabled";
    public const string RegionClaim = "libromi:default-region";
    private const string Missing = "Send your API key in the header 'Authorization: Bearer <api key>'.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return AuthenticateResult.Fail("The Authorization header must have the form 'Bearer <api key>'.");
        }
        // A store fault escapes to the exception handler, which answers 503: the key may well be valid.
        if (await keys.FindAsync(header[7..].Trim(), Context.RequestAborted) is not { } access)
        {
            return AuthenticateResult.Fail("The API key is not valid. Check that you copied the whole key, and that it was not revoked.");
        }
        usage.Note(access.KeyId);
        List<Claim> claims = [new(AccountClaim, access.AccountId), new(KeyClaim, access.KeyId), new(ScopeClaim, access.Scope)];
        if (access.AccountDisabled)
        {
            claims.Add(new Claim(DisabledClaim, "true"));
        }
        if (access.DefaultRegion is { } region)
        {
            claims.Add(new Claim(RegionClaim, region));
        }
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        await new Unauthorized(result.Failure?.Message ?? Missing).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var user = Context.User;
        var detail = user.HasClaim(c => c.Type == DisabledClaim)
            ? $"The account '{user.FindFirst(AccountClaim)?.Value}' is disabled: its API keys are refused and its deliveries paused until an operator enables it again."
            : user.FindFirst(ScopeClaim)?.Value == ApiKeyScope.Read
                ? $"This API key has the 'read' scope, which allows only GET requests; {Request.Method} needs a key with the 'full' scope."
                : "This API key may not make this request.";
        return new Forbidden(detail).ExecuteAsync(Context);
    }

    private sealed class Unauthorized(string detail) : ApiProblem(new ProblemDetails
    {
        Status = StatusCodes.Status401Unauthorized,
        Title = "Unauthorized",
        Detail = detail,
    });

    private sealed class Forbidden(string detail) : ApiProblem(new ProblemDetails
    {
        Status = StatusCodes.Status403Forbidden,
        Title = "Forbidden",
        Detail = detail,
    });
}
