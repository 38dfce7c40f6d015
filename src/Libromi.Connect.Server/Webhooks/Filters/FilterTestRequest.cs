using System.Text.Json;

namespace Libromi.Connect.Server.Webhooks.Filters;

/// <summary>
/// Body of <c>POST /api/v1/webhooks/{id}/filter-test</c>: exactly one of <c>event</c> (an envelope
/// <c>{"id","type","created_at","data"}</c> as deliveries carry it) or <c>event_id</c> (an event of this account).
/// </summary>
public sealed record FilterTestRequest(JsonElement? Event = null, string? EventId = null);
