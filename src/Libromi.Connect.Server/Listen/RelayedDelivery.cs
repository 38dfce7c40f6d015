namespace Libromi.Connect.Server.Listen;

/// <summary>One delivery as the listen stream carries it: forward <c>body</c> with exactly these <c>headers</c>.</summary>
public sealed record RelayedDelivery(string Ticket, string DeliveryId, string EventId, string EventType, int Attempt, IReadOnlyDictionary<string, string> Headers, string Body);
