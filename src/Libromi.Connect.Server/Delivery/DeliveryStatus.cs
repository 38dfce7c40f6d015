namespace Libromi.Connect.Server.Delivery;

/// <summary>Where a delivery stands; stored as its number in <c>deliveries.status</c>.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting for its next attempt (or being attempted, while leased).</summary>
    Pending = 0,

    /// <summary>The receiver acknowledged it.</summary>
    Succeeded = 1,

    /// <summary>No attempt is left, the receiver answered 410, or the webhook was disabled.</summary>
    Failed = 2,

    /// <summary>Never to be sent: the contact its event was about was erased while it was pending.</summary>
    Cancelled = 3,
}
