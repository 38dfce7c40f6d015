using System.CommandLine;
using System.Text.Json;

namespace Libromi.Connect.Cli.Webhooks;

/// <summary>Options that <c>webhooks create</c> and <c>webhooks update</c> share.</summary>
internal static class WebhookOptions
{
    public static Option<string?> Ordering(string description)
    {
        var ordering = new Option<string?>("--ordering") { Description = description };
        ordering.AcceptOnlyFromAmong("none", "contact");
        return ordering;
    }

    public static Option<string?> Signing(string description)
    {
        var signing = new Option<string?>("--signing") { Description = description };
        signing.AcceptOnlyFromAmong(Client.WebhookSigning.Hmac, Client.WebhookSigning.Ed25519);
        return signing;
    }

    /// <summary><c>--filter JSON</c>, checked to be a JSON object here; the server checks the rest. <paramref name="none"/> also accepts <c>none</c>.</summary>
    public static Option<string?> Filter(string description, bool none)
    {
        var filter = new Option<string?>("--filter") { Description = description };
        filter.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !(none && value == "none") && ParseFilter(value) is null)
            {
                result.AddError($"--filter must be a JSON object of conditions, such as '{{\"data.contact.attributes.plan\": {{\"$in\": [\"gold\", \"pro\"]}}}}'{(none ? ", or none to remove the filter" : "")}.");
            }
        });
        return filter;
    }

    /// <summary>The filter's JSON object, or null when the text is not one.</summary>
    public static JsonElement? ParseFilter(string? value)
    {
        if (value is null)
        {
            return null;
        }
        try
        {
            var element = JsonElement.Parse(value);
            return element.ValueKind == JsonValueKind.Object ? element : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
