namespace Libromi.Connect.Cli.Listen;

/// <summary>One forwarded delivery as <c>listen --output json</c> prints it, one JSON object per line.</summary>
internal sealed record ForwardedLine(DateTimeOffset Time, string EventType, string EventId, string DeliveryId, int Attempt, int? StatusCode, int? DurationMs, string? Error);
