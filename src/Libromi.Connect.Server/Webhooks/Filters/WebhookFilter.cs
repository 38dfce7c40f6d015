using System.Text;
using System.Text.Json;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Webhooks.Json;

namespace Libromi.Connect.Server.Webhooks.Filters;

/// <summary>
/// A webhook's filter, parsed and checked once: conditions on the event's envelope that a delivery must meet.
/// <see cref="Json"/> is its normalised form, as stored and answered. Evaluation reads nothing but the event.
/// </summary>
public sealed class WebhookFilter
{
    public const int MaxConditions = 64;
    public const int MaxBytes = 4096;
    public const int MaxDepth = 16;

    /// <summary>The field's description in the OpenAPI document.</summary>
    public const string Described = "Conditions on the event a delivery must meet, on top of events: paths in dot notation from the envelope's root and operators, such as {\"data.contact.attributes.plan\": {\"$in\": [\"gold\", \"pro\"]}}; null for none. See docs/webhooks.md, Filters.";

    private readonly FilterNode _root;

    private WebhookFilter(FilterNode root, string json)
    {
        _root = root;
        Json = json;
    }

    public string Json { get; }

    /// <summary>The filter, or null with every error added to <paramref name="validator"/> under <paramref name="field"/>.</summary>
    public static WebhookFilter? Parse(JsonElement filter, Validator validator, string field = "filter")
    {
        var errors = new Validator();
        var parsed = ParseInto(errors, filter, field);
        foreach (var (at, messages) in errors.Errors() ?? [])
        {
            foreach (var message in messages)
            {
                validator.Add(at, message);
            }
        }
        return parsed;
    }

    /// <summary>A stored filter, or null when the row is damaged (not JSON, or no longer a valid filter).</summary>
    public static WebhookFilter? Read(string stored)
    {
        JsonElement element;
        try
        {
            element = JsonElement.Parse(stored);
        }
        catch (JsonException)
        {
            return null;
        }
        return ParseInto(new Validator(), element, "filter");
    }

    public bool Matches(JsonElement envelope) => _root.Evaluate(envelope, null);

    /// <summary>Why the event does not match, one reason per failing condition; empty when it matches.</summary>
    public IReadOnlyList<string> Explain(JsonElement envelope)
    {
        var reasons = new List<string>();
        return _root.Evaluate(envelope, reasons) ? [] : reasons;
    }

    private static WebhookFilter? ParseInto(Validator errors, JsonElement filter, string field)
    {
        if (filter.ValueKind != JsonValueKind.Object)
        {
            new FilterParser(errors).Object(filter, field);
            return null;
        }
        if (!JavaScriptJson.TryNormalize(filter, MaxDepth, out var normalized, out var error))
        {
            errors.Add(error.Path.StartsWith('$') ? field + error.Path[1..] : field, error.Message);
            return null;
        }
        var json = JavaScriptJson.SerializeToUtf8Bytes(normalized);
        if (json.Length > MaxBytes)
        {
            errors.Add(field, $"'{field}' is {json.Length} bytes of JSON; a filter may have at most {MaxBytes}. Match on fewer values, or filter further in the receiver.");
            return null;
        }
        var parser = new FilterParser(errors);
        var root = parser.Object(JsonElement.Parse(json), field);
        if (parser.Conditions > MaxConditions)
        {
            errors.Add(field, $"'{field}' has {parser.Conditions} conditions; a filter may have at most {MaxConditions}.");
        }
        return errors.IsValid ? new WebhookFilter(root!, Encoding.UTF8.GetString(json)) : null;
    }
}
