using System.Text.Json;
using System.Text.Json.Serialization;
using Libromi.Connect.Server.Api;

namespace Libromi.Connect.Server.Listen;

/// <summary>Body of <c>POST /api/v1/listen</c>: the event types to receive; default all.</summary>
public sealed record StartListenRequest(string[]? Events);

/// <summary>
/// Body of <c>POST /api/v1/listen/{id}/results</c>: what the local endpoint answered to the relayed delivery named by
/// <c>ticket</c>, or the <c>error</c> that kept it from answering. Checked by <see cref="ListenValidation"/>.
/// </summary>
public sealed record ListenResultRequest(
    string? Ticket,
    int? StatusCode,
    int? DurationMs,
    [property: JsonConverter(typeof(WellFormedTextConverter))] string? Error,
    JsonElement? ResponseHeaders,
    [property: JsonConverter(typeof(WellFormedTextConverter))] string? ResponseBody);
