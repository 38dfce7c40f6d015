using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Delivery.Transports;
using Libromi.Connect.Server.Delivery.Transports.Auth;

namespace Libromi.Connect.Server.Webhooks.Auth;

/// <summary>What a webhook's <c>auth</c> must be. Each error names its field (<c>auth.type</c>, <c>auth.token</c>, …) and the fix.</summary>
public static class AuthValidation
{
    public const int MaxTextLength = 1024;
    public const int MaxTokenLength = 4096;

    private static readonly System.Buffers.SearchValues<char> B64TokenChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/");

    private static readonly Dictionary<string, string[]> Fields = new(StringComparer.Ordinal)
    {
        [BasicAuth.Name] = ["username", "password"],
        [BearerAuth.Name] = ["token"],
        [OAuth2ClientCredentials.Name] = ["token_url", "client_id", "client_secret", "scope"],
        [ClientCertificateAuth.Name] = ["certificate", "private_key"],
    };

    /// <summary>
    /// The auth to store, or null when invalid. With the <paramref name="current"/> auth of the same type, a secret sent
    /// as its current hint keeps the stored secret.
    /// </summary>
    public static EndpointAuth? Check(Validator validator, WebhookAuthRequest request, EndpointAuth? current, bool allowPrivateNetworks, DateTimeOffset now)
    {
        if (request.Type is null || !Fields.TryGetValue(request.Type, out var fields))
        {
            var got = request.Type is null ? "it is missing" : $"'{request.Type}' is none of them";
            validator.Add("auth.type", $"'auth.type' must be one of {string.Join(", ", Fields.Keys)} ({got}).");
            return null;
        }
        var before = validator.IsValid;
        foreach (var (name, value) in Sent(request))
        {
            if (value is not null && !fields.Contains(name))
            {
                validator.Add($"auth.{name}", $"'auth.{name}' is not a field of {request.Type} auth, whose fields are {string.Join(", ", fields)}; remove it.");
            }
        }
        EndpointAuth? auth = request.Type switch
        {
            BasicAuth.Name => Basic(validator, request, current as BasicAuth),
            BearerAuth.Name => Bearer(validator, request, current as BearerAuth),
            OAuth2ClientCredentials.Name => OAuth2(validator, request, current as OAuth2ClientCredentials, allowPrivateNetworks),
            _ => CertificateValidation.Check(validator, request, current as ClientCertificateAuth, now),
        };
        return before && validator.IsValid ? auth : null;
    }

    /// <summary>True when the auth puts its own <c>Authorization</c> header on every delivery.</summary>
    public static bool SetsAuthorization(EndpointAuth? auth) => auth is BasicAuth or BearerAuth or OAuth2ClientCredentials;

    private static BasicAuth? Basic(Validator validator, WebhookAuthRequest request, BasicAuth? current)
    {
        var username = Text(validator, "username", request.Username, MaxTextLength);
        if (username is not null && username.Contains(':', StringComparison.Ordinal))
        {
            validator.Add("auth.username", "'auth.username' must not contain ':', which separates it from the password in Basic authentication (RFC 7617).");
        }
        var password = Secret(validator, "password", request.Password, current?.Password);
        return username is null || password is null ? null : new BasicAuth(username, password);
    }

    private static BearerAuth? Bearer(Validator validator, WebhookAuthRequest request, BearerAuth? current)
    {
        var token = SecretHint.Keeps(request.Token, current?.Token) ? current!.Token : request.Token;
        if (token is null)
        {
            validator.Add("auth.token", "'auth.token' is required: the token sent as 'Authorization: Bearer <token>'.");
            return null;
        }
        if (token.Length is 0 or > MaxTokenLength || !IsB64Token(token))
        {
            validator.Add("auth.token", $"'auth.token' must be 1 to {MaxTokenLength} letters, digits or -._~+/ with optional trailing '=' (an RFC 6750 b64token).");
            return null;
        }
        return new BearerAuth(token);
    }

    private static OAuth2ClientCredentials? OAuth2(Validator validator, WebhookAuthRequest request, OAuth2ClientCredentials? current, bool allowPrivateNetworks)
    {
        var tokenUrl = TokenUrl(validator, request.TokenUrl, allowPrivateNetworks);
        var clientId = Text(validator, "client_id", request.ClientId, MaxTextLength);
        var secret = Secret(validator, "client_secret", request.ClientSecret, current?.ClientSecret);
        var scope = request.Scope;
        if (scope is not null && (scope.Length is 0 or > MaxTextLength || scope.Split(' ').Any(s => s.Length == 0 || s.Any(c => c is <= ' ' or '"' or '\\' or > '~'))))
        {
            validator.Add("auth.scope", $"'auth.scope' must be scope tokens separated by single spaces, of visible ASCII other than \" and \\ (RFC 6749), at most {MaxTextLength} characters; leave it out for none.");
            return null;
        }
        return tokenUrl is null || clientId is null || secret is null ? null : new OAuth2ClientCredentials(tokenUrl, clientId, secret, scope);
    }

    private static Uri? TokenUrl(Validator validator, string? input, bool allowPrivateNetworks)
    {
        const string Field = "auth.token_url";
        var schemes = allowPrivateNetworks ? "http or https" : "https";
        if (input is null || input.Length > WebhookValidation.MaxUrlLength || !Uri.TryCreate(input.Trim(), UriKind.Absolute, out var uri) || uri.Host.Length == 0
            || !(uri.Scheme == Uri.UriSchemeHttps || (allowPrivateNetworks && uri.Scheme == Uri.UriSchemeHttp)))
        {
            validator.Add(Field, $"'{Field}' must be the absolute {schemes} URL of the OAuth 2.0 token endpoint, such as https://auth.example.com/oauth/token, at most {WebhookValidation.MaxUrlLength} characters (plain http only where Delivery:AllowPrivateNetworks is set).");
            return null;
        }
        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            validator.Add(Field, $"'{Field}' must not contain credentials (user:password@) or a fragment (#…); the client id and secret go in 'client_id' and 'client_secret'.");
            return null;
        }
        if (!allowPrivateNetworks && HostNames.IsForbidden(uri.IdnHost))
        {
            validator.Add(Field, $"'{Field}' points to a loopback, private or otherwise internal address ({uri.Host}), which this server does not connect to. Use a public address, or set Delivery:AllowPrivateNetworks=true for local development.");
            return null;
        }
        return uri;
    }

    /// <summary>A required text of no control characters.</summary>
    private static string? Text(Validator validator, string name, string? value, int maxLength)
    {
        var field = $"auth.{name}";
        if (value is null || value.Length == 0)
        {
            validator.Add(field, $"'{field}' is required.");
            return null;
        }
        if (value.Length > maxLength || value.Any(char.IsControl) || !value.IsNormalized())
        {
            validator.Add(field, $"'{field}' must be at most {maxLength} characters of normalized text without control characters (no CR, LF, NUL or tab).");
            return null;
        }
        return value;
    }

    /// <summary>A required write-only text: its current hint keeps <paramref name="current"/>; another hint is refused.</summary>
    private static string? Secret(Validator validator, string name, string? value, string? current)
    {
        if (SecretHint.Keeps(value, current))
        {
            return current;
        }
        if (value is not null && value.StartsWith(SecretHint.Ellipsis, StringComparison.Ordinal))
        {
            validator.Add($"auth.{name}", $"'auth.{name}' is a hint ('…' and the last characters) that matches no stored value; send the value itself.");
            return null;
        }
        return Text(validator, name, value, MaxTextLength);
    }

    private static bool IsB64Token(string token)
    {
        var end = token.Length;
        while (end > 1 && token[end - 1] == '=')
        {
            end--;
        }
        return token.AsSpan(0, end).IndexOfAnyExcept(B64TokenChars) < 0;
    }

    private static IEnumerable<(string Name, string? Value)> Sent(WebhookAuthRequest r) =>
    [
        ("username", r.Username), ("password", r.Password), ("token", r.Token), ("token_url", r.TokenUrl), ("client_id", r.ClientId),
        ("client_secret", r.ClientSecret), ("scope", r.Scope), ("certificate", r.Certificate), ("private_key", r.PrivateKey),
    ];
}
