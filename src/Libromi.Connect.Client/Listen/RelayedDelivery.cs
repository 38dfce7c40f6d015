namespace Libromi.Connect.Client;

/// <summary>
/// One delivery attempt relayed through a listen session. To forward it as the server would have sent it, POST
/// <see cref="Body"/> as UTF-8 bytes with exactly <see cref="Headers"/> (Content-Type and the signatures included),
/// then answer with <see cref="ListenClient.ReportAsync"/> naming <see cref="Ticket"/>.
/// </summary>
public sealed record RelayedDelivery
{
    /// <summary>Names this attempt in <see cref="ListenResult.Ticket"/>.</summary>
    public required string Ticket { get; init; }

    /// <summary>The delivery's id (<c>dlv_…</c>); <see cref="DeliveriesClient.GetAsync"/> shows its attempts.</summary>
    public required string DeliveryId { get; init; }

    /// <summary>The event's id (<c>evt_…</c>).</summary>
    public required string EventId { get; init; }

    /// <summary>The event's type, such as <c>message.received</c>.</summary>
    public required string EventType { get; init; }

    /// <summary>The number of this attempt, from 1.</summary>
    public int Attempt { get; init; }

    /// <summary>The request headers of the delivery, signatures included.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The request body, the event's JSON; the signatures cover its UTF-8 bytes.</summary>
    public required string Body { get; init; }
}
