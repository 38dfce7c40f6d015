namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>One row of a delivery's attempt log, as <see cref="DeliveryTransition"/> derives it from an outcome.</summary>
public sealed record AttemptLogEntry(
    int Attempt,
    DateTimeOffset StartedAt,
    int DurationMs,
    int? StatusCode,
    string? ErrorKind,
    string? Error,
    string? ResponseHeaders,
    string? ResponseBody);
