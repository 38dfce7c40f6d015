using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Delivery.Transports.Auth;
using Libromi.Connect.Server.Webhooks.Auth;
using Libromi.Connect.Server.Webhooks.Headers;

namespace Libromi.Connect.Server.Webhooks;

/// <summary>
/// A webhook's headers and auth together, against what it has now (<see cref="WebhookEndpoint.None"/> on create): they
/// must agree with each other (one Authorization) and with the URL (mTLS needs https).
/// </summary>
public static class EndpointValidation
{
    /// <param name="headers">The headers sent; null keeps the current ones.</param>
    /// <param name="authSent">Whether <c>auth</c> was sent; <paramref name="auth"/> null with it removes the auth.</param>
    /// <param name="url">The webhook's URL after the change; null when it is invalid (its error is already named).</param>
    public static WebhookEndpoint? Check(Validator validator, IReadOnlyList<KeyValuePair<string, string?>>? headers, bool authSent, WebhookAuthRequest? auth,
        WebhookEndpoint current, string? url, bool urlSent, bool allowPrivateNetworks, DateTimeOffset now)
    {
        var before = validator.IsValid;
        var newAuth = !authSent ? current.Auth : auth is null ? null : AuthValidation.Check(validator, auth, current.Auth, allowPrivateNetworks, now);
        var setsAuthorization = auth is null ? AuthValidation.SetsAuthorization(newAuth) : auth.Type is BasicAuth.Name or BearerAuth.Name or OAuth2ClientCredentials.Name;
        IReadOnlyList<KeyValuePair<string, string>>? newHeaders = current.Headers;
        if (headers is not null)
        {
            newHeaders = HeaderRules.Check(validator, headers, current.Headers, setsAuthorization);
        }
        else if (setsAuthorization && current.Headers.Any(h => h.Key.Equals("authorization", StringComparison.OrdinalIgnoreCase)))
        {
            validator.Add("auth", "'auth' sets the Authorization header, and the webhook's headers already hold one: send 'headers' without it, or leave out 'auth'.");
        }
        if (url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme != Uri.UriSchemeHttps
            && (newAuth is ClientCertificateAuth || auth?.Type == ClientCertificateAuth.Name))
        {
            var field = authSent || !urlSent ? "auth" : "url";
            validator.Add(field, $"'{field}': mtls presents the client certificate in the TLS handshake, which only an https URL has; use an https 'url' (it is {uri.Scheme}).");
        }
        return before && validator.IsValid && newHeaders is not null ? new WebhookEndpoint(newHeaders, newAuth) : null;
    }
}
