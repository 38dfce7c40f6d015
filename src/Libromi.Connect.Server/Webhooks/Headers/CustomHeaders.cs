using System.Text.Json;

namespace Libromi.Connect.Server.Webhooks.Headers;

/// <summary>A webhook's custom headers as the <c>headers</c> column keeps them: a JSON object of name to value, in the order sent.</summary>
public static class CustomHeaders
{
    /// <summary>The column's value; null for no headers.</summary>
    public static string? Json(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        if (headers.Count == 0)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in headers)
            {
                writer.WriteString(name, value);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The headers of a column's value; throws <see cref="JsonException"/> or <see cref="InvalidOperationException"/> when it is damaged.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string? json)
    {
        if (json is null)
        {
            return [];
        }
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!))];
    }

    /// <summary>What reads answer: each name with its value's hint; null for no headers.</summary>
    public static Dictionary<string, string>? Hints(IReadOnlyList<KeyValuePair<string, string>> headers) =>
        headers.Count == 0 ? null : headers.ToDictionary(h => h.Key, h => SecretHint.Of(h.Value), StringComparer.Ordinal);
}
