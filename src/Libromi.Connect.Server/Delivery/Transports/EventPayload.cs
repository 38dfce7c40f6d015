namespace Libromi.Connect.Server.Delivery.Transports;

/// <summary>An event as it goes on the wire: the exact body bytes every attempt and every endpoint receive.</summary>
public sealed record EventPayload(string Id, string Type, byte[] Body);
