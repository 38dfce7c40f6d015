using Libromi.Connect.Server.Delivery.Transports.Auth;
using Libromi.Connect.Webhooks.Signing;

namespace Libromi.Connect.Server.Delivery.Transports;

/// <summary>
/// Where and how one webhook is delivered to. While a rotated-out secret is in its grace period it still signs
/// <c>X-Libromi-Signature</c> (receivers keep working until they switch), and <c>webhook-signature</c> carries both.
/// <see cref="Headers"/> are the webhook's custom headers, added to every attempt; <see cref="Auth"/> is how its endpoint
/// authenticates the requests, null for none.
/// </summary>
public sealed record DeliveryTarget(string WebhookId, Uri Url, bool Enabled, WebhookSigner StandardSigner, WebhookSigner LibromiSigner, TransportKind Transport = TransportKind.Http)
{
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public EndpointAuth? Auth { get; init; }
}
