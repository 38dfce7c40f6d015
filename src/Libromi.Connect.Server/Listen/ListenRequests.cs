using System.Text.Json;

namespace Libromi.Connect.Server.Listen;

/// <summary>Body of <c>POST /api/v1/listen</c>: the event types to receive; default all.</summary>
public sealed record StartListenRequest(string[]? Events);

/// <summary>
/// Body of <c>POST /api/v1/listen/{id}/results</c>: what the local endpoint answered to the relayed delivery named by
/// <c>ticket</c>, or the <c>error</c> that kept it from answering.
/// </summary>
public sealed record ListenResultRequest(string? Ticket, int? StatusCode, int? DurationMs, string? Error, JsonElement? ResponseHeaders, string? ResponseBody);
