using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Libromi.Connect.Server.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Accounts.Admin;

/// <summary>
/// The <c>Admin</c> scheme of <c>/admin/v1</c>: <c>Authorization: Bearer &lt;Admin:ApiKey&gt;</c>, compared in constant
/// time (as hashes, so not even the length leaks). An account's key is never looked up here. The challenge answers 401
/// problem+json and <c>WWW-Authenticate: Bearer</c>.
/// </summary>
public sealed class AdminKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<AdminOptions> admin)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Admin";
    public const string PathPrefix = "/admin/v1";
    public const string OperatorClaim = "libromi:operator";
    private const string Missing = "Send the operator key (the setting Admin:ApiKey) in the header 'Authorization: Bearer <key>'.";

    private readonly byte[]? _expected = admin.Value.Enabled ? SHA256.HashData(Encoding.UTF8.GetBytes(admin.Value.ApiKey!)) : null;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (_expected is null || string.IsNullOrWhiteSpace(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return Task.FromResult(AuthenticateResult.Fail("The Authorization header must have the form 'Bearer <key>'."));
        }
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[7..].Trim()));
        if (!CryptographicOperations.FixedTimeEquals(given, _expected))
        {
            return Task.FromResult(AuthenticateResult.Fail("This is not the operator key. The admin API takes only the key of the setting Admin:ApiKey, never an account's API key."));
        }
        var identity = new ClaimsIdentity([new Claim(OperatorClaim, "true")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
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
