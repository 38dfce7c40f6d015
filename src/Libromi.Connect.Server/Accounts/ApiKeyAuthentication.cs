using Libromi.Connect.Server.Api;

namespace Libromi.Connect.Server.Accounts;

/// <summary>Resolves <c>Authorization: Bearer &lt;key&gt;</c> to the calling account for every <c>/api/v1</c> request.</summary>
public sealed class ApiKeyAuthentication(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ApiKeys keys)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            throw Unauthorized("Send your API key in the header 'Authorization: Bearer <api key>'.");
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            throw Unauthorized("The Authorization header must have the form 'Bearer <api key>'.");
        }
        var accountId = await keys.FindAccountAsync(header[7..].Trim(), context.RequestAborted)
            ?? throw Unauthorized("The API key is not valid. Check that you copied the whole key.");
        context.Features.Set(new Caller(accountId));
        await next(context);
    }

    private static ApiException Unauthorized(string detail) => new(StatusCodes.Status401Unauthorized, "Unauthorized", detail);
}
