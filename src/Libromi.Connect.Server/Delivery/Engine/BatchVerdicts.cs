using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Webhooks;

namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>What a batch of stored outcomes says about each endpoint, for the recorder to store with it.</summary>
public static class BatchVerdicts
{
    /// <summary>One health verdict per webhook (see <see cref="DeliveryTransition.Combine"/>).</summary>
    public static Dictionary<string, EndpointHealth> Health(IReadOnlyList<DecidedOutcome> stored)
    {
        var health = new Dictionary<string, EndpointHealth>(StringComparer.Ordinal);
        foreach (var (lease, step) in stored.Where(d => d.Step.Health != EndpointHealth.Unchanged))
        {
            health[lease.WebhookId] = DeliveryTransition.Combine(health.GetValueOrDefault(lease.WebhookId), step.Health);
        }
        return health;
    }

    /// <summary>The longest pause each endpoint asked for in the batch (<c>Retry-After</c>).</summary>
    public static Dictionary<string, DateTimeOffset> Pauses(IReadOnlyList<DecidedOutcome> stored)
    {
        var pauses = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (lease, step) in stored)
        {
            if (step.Pressure.PausedUntil is { } until && !(pauses.GetValueOrDefault(lease.WebhookId) >= until))
            {
                pauses[lease.WebhookId] = until;
            }
        }
        return pauses;
    }

    /// <summary>
    /// Pauses every endpoint that asked for it, for every node: new deliveries are queued due at the pause's end, due
    /// ones are moved there, and leasing passes the endpoint by until then.
    /// </summary>
    public static async Task StorePausesAsync(WriteScope scope, IReadOnlyList<DecidedOutcome> stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var (webhookId, until) in Pauses(stored))
        {
            await WebhookStore.PauseAsync(scope, webhookId, until.ToUnixTimeMilliseconds(), cancellationToken);
            await DeliveryStore.DeferAsync(scope, webhookId, until, now, cancellationToken);
        }
    }
}
