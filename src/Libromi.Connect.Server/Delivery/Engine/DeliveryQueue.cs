using Libromi.Connect.Server.Delivery.Transports;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Webhooks;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>The lease stage: take due deliveries for a while, load what sending them needs, tell when the next one is due.</summary>
public sealed class DeliveryQueue(Database database, TimeProvider time, DeliveryChanges changes, IOptions<DeliveryOptions> options)
{
    /// <summary>Leases up to <paramref name="limit"/> due deliveries, none for <paramref name="excludedWebhooks"/>, or only for <paramref name="onlyWebhook"/>.</summary>
    public async Task<List<LeasedDelivery>> LeaseAsync(int limit, IReadOnlyList<string> excludedWebhooks, CancellationToken cancellationToken, string? onlyWebhook = null) =>
        (await LeaseAsync(limit, excludedWebhooks, [], cancellationToken, onlyWebhook)).Leased;

    /// <summary>
    /// As the other overload; the due deliveries of <paramref name="held"/> endpoints it meets on the way are moved to
    /// their endpoint's time instead, and counted in the second value, so leasing steps over each of them once per hold
    /// rather than on every lease until it ends.
    /// </summary>
    public async Task<(List<LeasedDelivery> Leased, int Held)> LeaseAsync(int limit, IReadOnlyList<string> excludedWebhooks, IReadOnlyList<HeldEndpoint> held,
        CancellationToken cancellationToken, string? onlyWebhook = null)
    {
        var now = time.GetUtcNow();
        var leaseUntil = now + options.Value.Timeout + options.Value.LeaseMargin;
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        var result = await DeliveryStore.LeaseAsync(scope, database.Sql, now, leaseUntil, limit, excludedWebhooks, held, onlyWebhook, cancellationToken);
        if (result.Leased.Exists(l => l.RateLimit is not null))
        {
            result = (await RateSlots.AssignAsync(scope, database.Sql, result.Leased, now, options.Value.RateLimitMargin, cancellationToken), result.Held);
        }
        if (result.Leased.Count + result.Held > 0)
        {
            scope.AfterCommit.Add(changes.Publish);
        }
        await scope.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Makes what leases moved to <paramref name="held"/>'s time due now: its probe succeeded before then.</summary>
    public async Task ReleaseAsync(HeldEndpoint held, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        if (await DeliveryStore.ReleaseAsync(scope, held, time.GetUtcNow(), cancellationToken) > 0)
        {
            scope.AfterCommit.Add(changes.Publish);
        }
        await scope.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// When the earliest pending delivery due after <paramref name="after"/> falls due (an expired lease counts as due),
    /// or null when none is. Deliveries due by <paramref name="after"/> are left out: after a lease at that time took
    /// nothing, they belong to endpoints that were skipped (saturated, or their circuit open), whose own wake-up comes
    /// from a finishing send or the circuit's reopening.
    /// </summary>
    public async Task<DateTimeOffset?> NextDueAsync(DateTimeOffset after, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await DeliveryStore.NextDueAsync(session, after, cancellationToken);
    }

    /// <summary>
    /// When an idle loop should look again: the next due time after the lease that took nothing, a circuit's
    /// reopening, or the safety-net interval, whichever is first. What was due by then belongs to skipped endpoints and
    /// must not hide everyone else's retries (a finishing send or the reopening wakes the loop for those); what fell due
    /// while the lease ran wakes it at once. An absolute time, so a clock that moves while the store is asked is not
    /// waited out twice.
    /// </summary>
    public async Task<DateTimeOffset> WakeTimeAsync(DateTimeOffset leasedAt, DateTimeOffset? circuitReopens, CancellationToken cancellationToken)
    {
        var wake = time.GetUtcNow() + options.Value.IdleCheckInterval;
        if (circuitReopens < wake)
        {
            wake = circuitReopens.Value;
        }
        if (await NextDueAsync(leasedAt, cancellationToken) is { } due && due < wake)
        {
            wake = due;
        }
        return wake;
    }

    /// <summary>The events and webhooks a leased batch needs; rows that cannot be read are missing from the result.</summary>
    public async Task<(Dictionary<string, EventPayload> Events, Dictionary<string, DeliveryTarget> Targets)> LoadAsync(
        IReadOnlyList<LeasedDelivery> batch, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        var events = await Events.EventStore.PayloadsAsync(session, batch.Select(d => d.EventId).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        var targets = await WebhookStore.TargetsAsync(session, batch.Select(d => d.WebhookId).Distinct(StringComparer.Ordinal).ToList(),
            time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        return (events, targets);
    }
}
