namespace Libromi.Connect.Client;

/// <summary>
/// The audit record of one contact erasure: what <see cref="ContactsClient.EraseAsync"/> removed. It holds ids, the time
/// and counts only; nothing personal about the contact is kept.
/// </summary>
public sealed record ContactErasure
{
    /// <summary>The erasure's id, starting with <c>era_</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The id of the contact that was erased; it no longer reads back.</summary>
    public required string ContactId { get; init; }

    /// <summary>When the contact was erased.</summary>
    public DateTimeOffset ErasedAt { get; init; }

    /// <summary>How many of the contact's messages were removed.</summary>
    public int Messages { get; init; }

    /// <summary>How many events about the contact were removed, with their stored payloads.</summary>
    public int Events { get; init; }

    /// <summary>How many ended deliveries of those events were removed.</summary>
    public int DeliveriesRemoved { get; init; }

    /// <summary>How many logged attempts of those deliveries were removed.</summary>
    public int AttemptsRemoved { get; init; }

    /// <summary>How many pending deliveries were cancelled: they are never sent, and show <see cref="DeliveryStatus.Cancelled"/>.</summary>
    public int DeliveriesCancelled { get; init; }
}
