using System.Text.Json;

namespace Libromi.Connect.Client;

/// <summary>The event for <see cref="WebhooksClient.TestFilterAsync"/>: set exactly one of <see cref="Event"/> and <see cref="EventId"/>.</summary>
public sealed record WebhookFilterTestRequest
{
    /// <summary>
    /// An event's JSON, the envelope <c>{"id","type","created_at","data"}</c> as deliveries carry it (for instance a body
    /// your receiver logged). Default: none.
    /// </summary>
    public JsonElement? Event { get; init; }

    /// <summary>The id of an event of this account (<c>evt_…</c>), as <see cref="EventsClient"/> lists them. Default: none.</summary>
    public string? EventId { get; init; }
}
