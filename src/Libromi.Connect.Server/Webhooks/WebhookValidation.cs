using System.Text.Json;
using Libromi.Connect.Server.Delivery.Transports;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Events;
using Libromi.Connect.Server.Webhooks.Filters;

namespace Libromi.Connect.Server.Webhooks;

/// <summary>What a webhook's fields must be. Each check answers the errors by field, or null with the request normalised.</summary>
public static class WebhookValidation
{
    public const int MaxUrlLength = 2048;
    public const int MaxDescriptionLength = 500;
    public const int MaxRateLimit = 10_000;

    /// <summary>Also checks <c>headers</c> and <c>auth</c> (a certificate against <paramref name="now"/>), answered in <paramref name="endpoint"/>.</summary>
    public static Dictionary<string, string[]>? Create(CreateWebhookRequest request, bool allowPrivateNetworks, DateTimeOffset now, out CreateWebhookRequest valid, out WebhookEndpoint endpoint)
    {
        var validator = new Validator();
        var url = Url(validator, request.Url, required: true, allowPrivateNetworks);
        var events = Events(validator, request.Events, required: true);
        var description = validator.Text("description", request.Description, required: false, MaxDescriptionLength);
        var ordering = Ordering(validator, request.Ordering) ?? WebhookOrdering.None;
        if (request.RateLimit is { } rate)
        {
            RateLimit(validator, rate);
        }
        var filter = FilterValidation.Filter(validator, request.Filter ?? default);
        var signing = Signing(validator, request.Signing) ?? WebhookSigning.Hmac;
        valid = new CreateWebhookRequest(url, events?.Names, description is { Length: > 0 } ? description : null, request.Enabled ?? true, ordering, request.RateLimit,
            filter.ValueKind == JsonValueKind.Object ? filter : null, Signing: signing);
        endpoint = EndpointValidation.Check(validator, request.Headers?.ToList(), request.Auth is not null, request.Auth, WebhookEndpoint.None, url, urlSent: true,
            allowPrivateNetworks, now) ?? WebhookEndpoint.None;
        return validator.Errors();
    }

    /// <summary>Absent fields stay null; a <c>description</c> of "" stays "" and removes it.</summary>
    public static Dictionary<string, string[]>? Update(UpdateWebhookRequest request, bool allowPrivateNetworks, out UpdateWebhookRequest valid)
    {
        var validator = new Validator();
        var url = Url(validator, request.Url, required: false, allowPrivateNetworks);
        var events = Events(validator, request.Events, required: false);
        var description = validator.Text("description", request.Description, required: false, MaxDescriptionLength);
        var ordering = Ordering(validator, request.Ordering);
        switch (request.RateLimit.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                break;
            case JsonValueKind.Number when request.RateLimit.TryGetInt32(out var rate):
                RateLimit(validator, rate);
                break;
            default:
                validator.Add("rate_limit", $"'rate_limit' must be a whole number of deliveries per second from 1 to {MaxRateLimit}, or null to remove the limit.");
                break;
        }
        var filter = FilterValidation.Filter(validator, request.Filter);
        valid = new UpdateWebhookRequest(url, events?.Names, description, request.Enabled, ordering, request.RateLimit, filter, request.Headers, request.Auth,
            Signing(validator, request.Signing));
        return validator.Errors();
    }

    public static Dictionary<string, string[]>? Recover(RecoverWebhookRequest request)
    {
        var validator = new Validator();
        if (request.Since is null)
        {
            validator.Add("since", "'since' is required: an ISO-8601 time such as 2026-01-31T00:00:00Z; failed deliveries created since then are queued again.");
        }
        return validator.Errors();
    }

    /// <summary>The ordering rule, or null when absent or invalid.</summary>
    public static string? Ordering(Validator validator, string? input)
    {
        if (input is null || WebhookOrdering.IsKnown(input))
        {
            return input;
        }
        validator.Add("ordering", $"'ordering' must be \"{WebhookOrdering.None}\" (deliveries in any order) or \"{WebhookOrdering.Contact}\" (one at a time per contact, in the order the events happened); '{input}' is neither.");
        return null;
    }

    /// <summary>The signing scheme, or null when absent or invalid.</summary>
    private static string? Signing(Validator validator, string? input)
    {
        if (input is null || WebhookSigning.IsKnown(input))
        {
            return input;
        }
        validator.Add("signing", $"'signing' must be \"{WebhookSigning.Hmac}\" (HMAC signatures with the webhook's secret) or \"{WebhookSigning.Ed25519}\" (an Ed25519 v1a signature as well, which receivers verify with the webhook's public_key); '{input}' is neither.");
        return null;
    }

    private static void RateLimit(Validator validator, int rate)
    {
        if (rate is < 1 or > MaxRateLimit)
        {
            validator.Add("rate_limit", $"'rate_limit' must be from 1 to {MaxRateLimit} deliveries per second (it is {rate}); leave it out or send null for no limit.");
        }
    }

    public static string? Url(Validator validator, string? input, bool required, bool allowPrivateNetworks)
    {
        if (input is null)
        {
            if (required)
            {
                validator.Add("url", "'url' is required: the absolute http or https URL that will receive the events.");
            }
            return null;
        }
        var url = input.Trim();
        if (url.Length > MaxUrlLength)
        {
            validator.Add("url", $"'url' must be at most {MaxUrlLength} characters long (it has {url.Length}).");
            return null;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            validator.Add("url", $"'url' must be an absolute http or https URL such as https://example.com/webhook; '{url}' is not.");
            return null;
        }
        if (uri.UserInfo.Length > 0)
        {
            validator.Add("url", "'url' must not contain credentials (user:password@); authenticate deliveries with the signature instead.");
            return null;
        }
        if (!uri.Fragment.Equals("", StringComparison.Ordinal))
        {
            validator.Add("url", "'url' must not contain a fragment (#…); it is never sent to the server.");
            return null;
        }
        // IdnHost is the name the delivery's HttpClient hands to the connect-time guard.
        if (!allowPrivateNetworks && HostNames.IsForbidden(uri.IdnHost))
        {
            validator.Add("url", $"'url' points to a loopback, private or otherwise internal address ({uri.Host}), which this server does not deliver to. Use a public address, or set Delivery:AllowPrivateNetworks=true for local development.");
            return null;
        }
        return url;
    }

    /// <summary>The distinct event names and their subscription mask, or null when invalid.</summary>
    public static (string[] Names, long Mask)? Events(Validator validator, string[]? events, bool required)
    {
        if (events is null)
        {
            if (required)
            {
                validator.Add("events", $"'events' is required: a list of event types ({string.Join(", ", EventCatalog.SubscribableNames)}), or [\"*\"] for the platform's events.");
            }
            return null;
        }
        if (events.Length == 0)
        {
            validator.Add("events", "'events' must name at least one event type, or be [\"*\"] for the platform's events.");
            return null;
        }
        if (events.Contains(EventCatalog.Wildcard))
        {
            if (events.Length > 1)
            {
                validator.Add("events", "'*' already means every platform event type; send [\"*\"] alone, or name each type, operational ones included.");
                return null;
            }
            return ([EventCatalog.Wildcard], EventCatalog.WildcardBits);
        }
        long mask = 0;
        var valid = true;
        for (var i = 0; i < events.Length; i++)
        {
            var type = EventCatalog.Find(events[i] ?? "");
            if (type is not { Subscribable: true })
            {
                validator.Add($"events[{i}]", $"'{events[i]}' is not an event type. Valid types: {string.Join(", ", EventCatalog.SubscribableNames)}, or \"*\" for the platform's events (operational ones are named).");
                valid = false;
                continue;
            }
            mask |= type.Bit;
        }
        return valid ? (events.Distinct(StringComparer.Ordinal).ToArray(), mask) : null;
    }
}
