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

    /// <summary>Gives the slot back without a verdict on the endpoint; true when that makes room at an endpoint that was full.</summary>
    public bool Release() => _governor.Finish(this, WebhookId, null, default).MadeRoom;

    public void Dispose() => Release();

    /// <summary>The slot, once: a permit given back twice gives it back once.</summary>
    internal RateLimitLease? TakeLease() => Interlocked.Exchange(ref _lease, null);
}
