using Libromi.Connect.Webhooks.Signing;

namespace Libromi.Connect.Server.Delivery.Transports;

/// <summary>
/// Where and how one webhook is delivered to. While a rotated-out secret is in its grace period it still signs
/// <c>X-Libromi-Signature</c> (receivers keep working until they switch), and <c>webhook-signature</c> carries both.
/// </summary>
public sealed record DeliveryTarget(string WebhookId, Uri Url, bool Enabled, WebhookSigner StandardSigner, WebhookSigner LibromiSigner, TransportKind Transport = TransportKind.Http);
