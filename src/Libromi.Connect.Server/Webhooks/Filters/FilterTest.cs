using System.Text.Json;
using Libromi.Connect.Server.Events;

namespace Libromi.Connect.Server.Webhooks.Filters;

/// <summary>What the fan-out would decide for one webhook and one event, with the reasons, for <c>filter-test</c>.</summary>
public static class FilterTest
{
    public static FilterTestResponse Run(Webhook webhook, JsonElement envelope)
    {
        var type = envelope.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? EventCatalog.Find(t.GetString()!) : null;
        var subscribed = type is not null && (EventCatalog.MaskOf(webhook.Events) & type.Bit) != 0;
        if (webhook.Filter is not { } stored)
        {
            return new FilterTestResponse(true, subscribed, []);
        }
        if (WebhookFilter.Read(stored.GetRawText()) is not { } filter)
        {
            return new FilterTestResponse(false, subscribed, ["the stored filter cannot be read (damaged in the store), so it matches nothing; set it again with PATCH"]);
        }
        var reasons = filter.Explain(envelope);
        return new FilterTestResponse(reasons.Count == 0, subscribed, reasons);
    }
}
