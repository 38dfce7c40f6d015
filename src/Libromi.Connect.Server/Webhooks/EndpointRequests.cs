using System.Text.Json;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Webhooks.Auth;

namespace Libromi.Connect.Server.Webhooks;

/// <summary>
/// Reads a PATCH's raw <c>headers</c> and <c>auth</c>, where absent (keep) and null (remove) differ. A wrong JSON type is a
/// 422 naming the field, as every other check.
/// </summary>
public static class EndpointRequests
{
    // Reads answer them with an mtls auth; a form sending the auth back unchanged may include them.
    private static readonly string[] ReadOnlyAuthFields = ["certificate_subject", "certificate_expires_at", "certificate_sha256"];

    private static readonly string[] AuthFields = ["type", "username", "password", "token", "token_url", "client_id", "client_secret", "scope", "certificate", "private_key"];

    /// <summary>The headers sent (an empty list for null), or null when absent or not an object.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>>? Headers(Validator validator, JsonElement headers)
    {
        switch (headers.ValueKind)
        {
            case JsonValueKind.Undefined:
                return null;
            case JsonValueKind.Null:
                return [];
            case JsonValueKind.Object:
                return [.. headers.EnumerateObject().Select(p => new KeyValuePair<string, string?>(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null))];
            default:
                validator.Add("headers", "'headers' must be an object of header name to value, such as {\"X-Api-Key\": \"…\"}, or null to remove them all.");
                return null;
        }
    }

    /// <summary>The auth sent, or null when absent, null (check <paramref name="auth"/>'s kind) or malformed.</summary>
    public static WebhookAuthRequest? Auth(Validator validator, JsonElement auth)
    {
        if (auth.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }
        if (auth.ValueKind != JsonValueKind.Object)
        {
            validator.Add("auth", "'auth' must be an object such as {\"type\": \"bearer\", \"token\": \"…\"}, or null to remove it.");
            return null;
        }
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var ok = true;
        foreach (var property in auth.EnumerateObject())
        {
            if (ReadOnlyAuthFields.Contains(property.Name))
            {
                continue;
            }
            if (!AuthFields.Contains(property.Name))
            {
                validator.Add($"auth.{property.Name}", $"'auth.{property.Name}' is not a field of auth, whose fields are {string.Join(", ", AuthFields)}.");
                ok = false;
            }
            else if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                validator.Add($"auth.{property.Name}", $"'auth.{property.Name}' must be a string.");
                ok = false;
            }
            else
            {
                values[property.Name] = property.Value.GetString();
            }
        }
        return ok
            ? new WebhookAuthRequest(values.GetValueOrDefault("type"), values.GetValueOrDefault("username"), values.GetValueOrDefault("password"),
                values.GetValueOrDefault("token"), values.GetValueOrDefault("token_url"), values.GetValueOrDefault("client_id"),
                values.GetValueOrDefault("client_secret"), values.GetValueOrDefault("scope"), values.GetValueOrDefault("certificate"),
                values.GetValueOrDefault("private_key"))
            : null;
    }
}
