using System.Security.Claims;
using System.Text.Encodings.Web;
using Libromi.Connect.Server.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Accounts;

/// <summary>
/// The <c>ApiKey</c> scheme: <c>Authorization: Bearer &lt;key&gt;</c> names the calling account. Its challenge answers
/// 401 problem+json saying what was wrong with the header, and <c>WWW-Authenticate: Bearer</c>.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string AccountClaim = "libromi:account";
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
        var accountId = await keys.FindAccountAsync(header[7..].Trim(), Context.RequestAborted);
        if (accountId is null)
        {
            return AuthenticateResult.Fail("The API key is not valid. Check that you copied the whole key.");
        }
        var identity = new ClaimsIdentity([new Claim(AccountClaim, accountId)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        await new Unauthorized(result.Failure?.Message ?? Missing).ExecuteAsync(Context);
    }

    private sealed class Unauthorized(string detail) : ApiProblem(new ProblemDetails
    {
        Status = StatusCodes.Status401Unauthorized,
        Title = "Unauthorized",
        Detail = detail,
    });
}
