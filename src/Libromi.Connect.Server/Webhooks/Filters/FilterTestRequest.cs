using System.Text.Json;
using Libromi.Connect.Server.Hosting;

namespace Libromi.Connect.Server.Webhooks.Filters;

/// <summary>
/// Body of <c>POST /api/v1/webhooks/{id}/filter-test</c>: exactly one of <c>event</c> (an envelope
/// <c>{"id","type","created_at","data"}</c> as deliveries carry it) or <c>event_id</c> (an event of this account).
/// </summary>
public sealed record FilterTestRequest(
    [property: OpenApiNullableObject("An event's JSON, the envelope {\"id\",\"type\",\"created_at\",\"data\"} as deliveries carry it; send this or event_id.")] JsonElement? Event = null,
    string? EventId = null);
