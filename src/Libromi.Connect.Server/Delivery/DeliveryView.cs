using System.Text.Json;
using System.Text.Json.Serialization;

namespace Libromi.Connect.Server.Delivery;

/// <summary>A delivery of one event to one webhook. <c>status</c>: pending, succeeded or failed; <c>attempts</c> only on GET /deliveries/{id}.</summary>
public sealed record DeliveryView(
    string Id,
    string WebhookId,
    string EventId,
    string EventType,
    string Status,
    int AttemptCount,
    DateTimeOffset? NextAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AttemptView>? Attempts);

/// <summary>One logged attempt, with at most 4 KiB of the response body.</summary>
public sealed record AttemptView(
    int Attempt,
    DateTimeOffset StartedAt,
    int DurationMs,
    int? StatusCode,
    string? ErrorKind,
    string? Error,
    JsonElement? ResponseHeaders,
    string? ResponseBody);
