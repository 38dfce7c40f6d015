namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// What an answer asks of the whole endpoint, beyond its own delivery: <see cref="PausedUntil"/> after a 429 or 503
/// with <c>Retry-After</c> (nothing goes to the endpoint before then, from any node), or <see cref="Throttled"/> after a
/// 429 without it (this node halves the endpoint's concurrency, pauses it briefly, and lets it recover with each success).
/// </summary>
public readonly record struct EndpointPressure(DateTimeOffset? PausedUntil, bool Throttled)
{
    public bool IsNone => PausedUntil is null && !Throttled;
}
