using Libromi.Connect.Webhooks.Signing;
using Libromi.Connect.Webhooks;

namespace Libromi.Connect.Server.Delivery;

/// <summary>
/// Where and how one webhook is delivered to. While a rotated-out secret is in its grace period it still signs
/// <c>X-Libromi-Signature</c> (receivers keep working until they switch), and <c>webhook-signature</c> carries both.
/// <see cref="IsListenSession"/> targets are relayed to a connected <c>libromi listen</c> instead of POSTed.
/// </summary>
public sealed record DeliveryTarget(string WebhookId, Uri Url, bool Enabled, WebhookSigner StandardSigner, WebhookSigner LibromiSigner, bool IsListenSession = false);
