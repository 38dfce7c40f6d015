using System.Text.Json;
using Libromi.Connect.Server.Api;

namespace Libromi.Connect.Server.Webhooks.Filters;

/// <summary>The checks of the <c>filter</c> field and of a filter test's body.</summary>
public static class FilterValidation
{
    /// <summary>The normalised filter; JSON null stays null (no filter), absent stays <see cref="JsonValueKind.Undefined"/>.</summary>
    public static JsonElement Filter(Validator validator, JsonElement filter)
    {
        if (filter.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return filter;
        }
        return WebhookFilter.Parse(filter, validator) is { } parsed ? JsonElement.Parse(parsed.Json) : default;
    }

    public static Dictionary<string, string[]>? Test(FilterTestRequest request)
    {
        var validator = new Validator();
        var hasEvent = request.Event is { ValueKind: not JsonValueKind.Null };
        if (hasEvent == (request.EventId is not null))
        {
            validator.Add(hasEvent ? "event_id" : "event", "Send exactly one of 'event' (an event's JSON, {\"id\",\"type\",\"created_at\",\"data\"}) and 'event_id' (an event of this account, evt_…).");
        }
        else if (hasEvent && request.Event!.Value.ValueKind != JsonValueKind.Object)
        {
            validator.Add("event", "'event' must be an event's JSON object, {\"id\",\"type\",\"created_at\",\"data\"}, as deliveries carry it.");
        }
        return validator.Errors();
    }
}
