namespace Libromi.Connect.Server.Delivery.Transports;

/// <summary>How a webhook's deliveries travel; stored as its number in <c>webhooks.transport</c>.</summary>
public enum TransportKind
{
    /// <summary>POSTed to the webhook's URL.</summary>
    Http = 0,

    /// <summary>Streamed to a connected <c>libromi listen</c> session, which forwards it locally and reports the answer.</summary>
    Listen = 1,
}
