using System.Text.Json;
using System.Text.Json.Nodes;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Webhooks;

namespace Libromi.Connect.Server.Dashboard.Pages.Webhooks;

/// <summary>
/// The fields of the webhook form, turned into the same request body the API takes, so that the dashboard accepts and
/// refuses exactly what <c>POST</c> and <c>PATCH /api/v1/webhooks</c> do, with the same messages. Filter and auth are
/// JSON as in the API; headers are one <c>Name: value</c> per line; a blank field means none.
/// </summary>
public sealed class WebhookForm
{
    public string? Url { get; set; }

    public string? Description { get; set; }

    public string[] Events { get; set; } = [];

    public string Ordering { get; set; } = WebhookOrdering.None;

    public string? RateLimit { get; set; }

    public string? Filter { get; set; }

    public string? Headers { get; set; }

    public string? Auth { get; set; }

    public string Signing { get; set; } = WebhookSigning.Hmac;

    public static WebhookForm Of(Webhook webhook) => new()
    {
        Url = webhook.Url,
        Description = webhook.Description,
        Events = [.. webhook.Events],
        Ordering = webhook.Ordering,
        RateLimit = webhook.RateLimit?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Filter = webhook.Filter is { } filter ? Format.Json(filter) : null,
        Headers = webhook.Headers is { } headers ? string.Join('\n', headers.Select(h => $"{h.Key}: {h.Value}")) : null,
        Auth = webhook.Auth is { } auth ? JsonSerializer.Serialize(auth, ApiJson.Options) : null,
        Signing = webhook.Signing,
    };

    /// <summary>The API request body, or the field errors that keep it from being one.</summary>
    public JsonObject? ToBody(bool creating, out Dictionary<string, string[]>? errors)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var body = new JsonObject
        {
            ["url"] = Url?.Trim(),
            ["events"] = new JsonArray([.. Events.Select(e => (JsonNode?)JsonValue.Create(e))]),
            ["description"] = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
            ["ordering"] = Ordering,
        };
        if (string.IsNullOrWhiteSpace(RateLimit))
        {
            body["rate_limit"] = null;
        }
        else if (int.TryParse(RateLimit.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rate))
        {
            body["rate_limit"] = rate;
        }
        else
        {
            problems["rate_limit"] = ["The rate limit must be a whole number of deliveries per second, or blank for none."];
        }
        body["filter"] = ParseJson("filter", Filter, problems);
        body["auth"] = ParseJson("auth", Auth, problems);
        body["headers"] = ParseHeaders(problems);
        if (creating)
        {
            body["signing"] = Signing;
        }
        errors = problems.Count > 0 ? problems : null;
        return errors is null ? body : null;
    }

    private static JsonNode? ParseJson(string field, string? text, Dictionary<string, string[]> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            problems[field] = [$"The {field} is not valid JSON ({e.Message}). Leave it blank for none."];
            return null;
        }
    }

    private JsonObject? ParseHeaders(Dictionary<string, string[]> problems)
    {
        if (string.IsNullOrWhiteSpace(Headers))
        {
            return null;
        }
        var headers = new JsonObject();
        foreach (var line in Headers.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                problems["headers"] = [$"Write one header per line as 'Name: value'; '{line.Trim()}' has no name before a colon."];
                return null;
            }
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return headers;
    }
}
