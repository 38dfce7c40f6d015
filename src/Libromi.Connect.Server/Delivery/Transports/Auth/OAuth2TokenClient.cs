using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Libromi.Connect.Server.Delivery.Transports.Auth;

/// <summary>
/// One token request of the client-credentials grant (RFC 6749 section 4.4): a form POST of
/// <c>grant_type=client_credentials</c> (and <c>scope</c>), the client authenticated with HTTP Basic over its
/// form-urlencoded id and secret (section 2.3.1). The answer is read up to <see cref="MaxResponseBytes"/>; errors name
/// the endpoint, its status and its OAuth2 <c>error</c> code, never the secret or a token.
/// </summary>
public static class OAuth2TokenClient
{
    public const int MaxResponseBytes = 64 * 1024;

    public static async Task<OAuth2Token> FetchAsync(HttpClient client, OAuth2ClientCredentials auth, CancellationToken cancellationToken)
    {
        var endpoint = Endpoint(auth);
        var fields = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (!string.IsNullOrEmpty(auth.Scope))
        {
            fields.Add(new("scope", auth.Scope));
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, auth.TokenUrl) { Content = new FormUrlEncodedContent(fields) };
        var credentials = FormEncode(auth.ClientId) + ":" + FormEncode(auth.ClientSecret);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("User-Agent", DeliveryHeaders.UserAgent);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await ReadAsync(response, endpoint, cancellationToken);
        var status = (int)response.StatusCode;
        if (status is < 200 or >= 300)
        {
            throw new OAuth2TokenException($"The token endpoint {endpoint} answered HTTP {status}{ErrorCode(body)}.");
        }
        return Parse(body) ?? throw new OAuth2TokenException(
            $"The token endpoint {endpoint} answered HTTP {status} without a usable token: expected a JSON object with a string access_token, token_type Bearer and a numeric expires_in.");
    }

    /// <summary>The token URL without its query, which is how errors name it.</summary>
    public static string Endpoint(OAuth2ClientCredentials auth) => auth.TokenUrl.GetLeftPart(UriPartial.Path);

    private static string FormEncode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);

    private static async Task<byte[]> ReadAsync(HttpResponseMessage response, string endpoint, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + n > MaxResponseBytes)
            {
                throw new OAuth2TokenException($"The token endpoint {endpoint} answered more than {MaxResponseBytes / 1024} KiB.");
            }
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    private static OAuth2Token? Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("access_token", out var access) || access.ValueKind != JsonValueKind.String
                || access.GetString() is not { Length: > 0 } token || !token.All(c => c is > ' ' and <= '~'))
            {
                return null;
            }
            // RFC 6749 makes token_type required; a missing one is taken as Bearer, any other type is refused.
            if (root.TryGetProperty("token_type", out var type)
                && (type.ValueKind != JsonValueKind.String || !string.Equals(type.GetString(), "Bearer", StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }
            if (!root.TryGetProperty("expires_in", out var expires) || expires.ValueKind == JsonValueKind.Null)
            {
                return new OAuth2Token(token, OAuth2Token.DefaultLifetime);
            }
            var seconds = expires.ValueKind switch
            {
                JsonValueKind.Number => expires.GetDouble(),
                JsonValueKind.String when double.TryParse(expires.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) => s,
                _ => double.NaN,
            };
            return seconds is > 0 and var positive
                ? new OAuth2Token(token, TimeSpan.FromSeconds(Math.Min(positive, OAuth2Token.MaxLifetime.TotalSeconds)))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The OAuth2 <c>error</c> code of an error answer (RFC 6749 section 5.2), if it is one, in parentheses.</summary>
    private static string ErrorCode(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String && error.GetString() is { Length: > 0 and <= 64 } code
                && code.All(c => c is >= ' ' and <= '~' and not '"' and not '\\'))
            {
                return $" ({code})";
            }
        }
        catch (JsonException)
        {
            // Not JSON: the status says it all.
        }
        return "";
    }
}
