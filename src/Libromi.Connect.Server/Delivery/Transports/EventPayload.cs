namespace Libromi.Connect.Server.Delivery.Transports;

/// <summary>
/// An event as it goes on the wire: the exact body bytes every attempt and every endpoint receive, and the W3C trace
/// context of the span that wrote it (null when that was not traced), which its attempts link to.
/// </summary>
public sealed record EventPayload(string Id, string Type, byte[] Body, string? TraceParent = null);
