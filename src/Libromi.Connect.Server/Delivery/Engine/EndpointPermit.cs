using System.Threading.RateLimiting;

namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>Leave for one attempt to an endpoint, from the <see cref="EndpointGovernor"/>; disposing it gives the slot back.</summary>
public sealed class EndpointPermit : IDisposable
{
    private readonly EndpointGovernor _governor;
    private RateLimitLease? _lease;

    internal EndpointPermit(EndpointGovernor governor, string webhookId, RateLimitLease lease)
    {
        _governor = governor;
        WebhookId = webhookId;
        _lease = lease;
    }

    public string WebhookId { get; }

    /// <summary>Gives the slot back; true when that makes room at an endpoint that was full (the dispatcher may lease for it again).</summary>
    public bool Release()
    {
        var lease = Interlocked.Exchange(ref _lease, null);
        return lease is not null && _governor.Release(WebhookId, lease);
    }

    public void Dispose() => Release();
}
