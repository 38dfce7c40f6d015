namespace Libromi.Connect.Server.Delivery.Outcomes;

/// <summary>What the receiver answered, as the attempt log keeps it: readable text, headers as JSON, both capped.</summary>
public sealed record AttemptResponse(int StatusCode, string? Headers, string? Body);
