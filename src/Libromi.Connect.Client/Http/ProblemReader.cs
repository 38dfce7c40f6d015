using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Libromi.Connect.Client.Http;

/// <summary>Turns a failed answer into a <see cref="LibromiApiException"/>, whether or not it carries problem+json.</summary>
internal static class ProblemReader
{
    private const int MaxDetailFromBody = 500;

    public static LibromiApiException Read(HttpResponseMessage response, byte[] body, TimeProvider time)
    {
        var status = (int)response.StatusCode;
        var retryAfter = RetryAfter(response.Headers.RetryAfter, time);
        var transient = IsTransient(status);
        string? title = null;
        string? detail = null;
        Dictionary<string, IReadOnlyList<string>>? errors = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                title = Text(document.RootElement, "title");
                detail = Text(document.RootElement, "detail");
                errors = Errors(document.RootElement);
            }
        }
        catch (JsonException)
        {
            // Not problem+json, for example an HTML error page from a proxy: the body text becomes the detail below.
        }
        title ??= response.ReasonPhrase is { Length: > 0 } reason ? reason : $"HTTP {status}";
        detail ??= BodyText(body) ?? $"The server answered {status} without details.";
        return new LibromiApiException(status, title, detail, errors, transient, retryAfter);
    }

    public static bool IsTransient(int status) => status == 429 || status >= 500;

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, TimeProvider time)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static string? Text(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, IReadOnlyList<string>>? Errors(JsonElement problem)
    {
        if (!problem.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var field in errors.EnumerateObject())
        {
            result[field.Name] = field.Value.ValueKind switch
            {
                JsonValueKind.Array => [.. field.Value.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()!)],
                JsonValueKind.String => [field.Value.GetString()!],
                _ => [],
            };
        }
        return result;
    }

    private static string? BodyText(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }
        var text = Encoding.UTF8.GetString(body).Trim();
        return text.Length <= MaxDetailFromBody ? text : text[..MaxDetailFromBody] + "…";
    }
}
