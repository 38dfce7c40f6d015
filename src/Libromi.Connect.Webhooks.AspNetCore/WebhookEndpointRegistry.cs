namespace Libromi.Connect.Webhooks.AspNetCore;

/// <summary>The endpoints mapped in this application, handed from <c>MapLibromiWebhooks</c> to <see cref="WebhookProcessor"/>.</summary>
internal sealed class WebhookEndpointRegistry
{
    private readonly List<WebhookEndpoint> _endpoints = [];
    private bool _started;

    public void Add(WebhookEndpoint endpoint)
    {
        lock (_endpoints)
        {
            if (_started)
            {
                throw new InvalidOperationException("Map webhook endpoints before the application starts.");
            }

            _endpoints.Add(endpoint);
        }
    }

    public IReadOnlyList<WebhookEndpoint> Start()
    {
        lock (_endpoints)
        {
            _started = true;
            return [.. _endpoints];
        }
    }
}
