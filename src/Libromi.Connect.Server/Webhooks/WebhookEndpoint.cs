using Libromi.Connect.Server.Delivery.Transports.Auth;

namespace Libromi.Connect.Server.Webhooks;

/// <summary>What a webhook adds to each delivery, secrets included: its custom headers, in order, and its endpoint's auth.</summary>
public sealed record WebhookEndpoint(IReadOnlyList<KeyValuePair<string, string>> Headers, EndpointAuth? Auth)
{
    public static readonly WebhookEndpoint None = new([], null);
}
