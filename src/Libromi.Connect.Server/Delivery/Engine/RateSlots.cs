using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Webhooks;

namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// Part of the lease stage: gives each leased delivery of a rate-limited endpoint its send slot, in the lease's own
/// transaction, and hands back (due when a slot will be in reach) those the budget has no slot for yet. They wait in
/// the store: none is dropped or failed for it.
/// </summary>
public static class RateSlots
{
    public static async Task<List<LeasedDelivery>> AssignAsync(StoreSession session, SqlDialect sql, List<LeasedDelivery> leased, DateTimeOffset now,
        TimeSpan margin, CancellationToken cancellationToken)
    {
        var assigned = new List<LeasedDelivery>(leased.Count);
        var waiting = new List<DecidedOutcome>();
        foreach (var endpoint in leased.GroupBy(l => l.WebhookId, StringComparer.Ordinal))
        {
            var deliveries = endpoint.ToList();
            if (deliveries[0].RateLimit is null
                || await WebhookStore.ReserveSlotsAsync(session, sql, endpoint.Key, deliveries.Count, now, margin, cancellationToken) is not { } grant)
            {
                assigned.AddRange(deliveries);
                continue;
            }
            for (var i = 0; i < deliveries.Count; i++)
            {
                if (i < grant.Granted)
                {
                    assigned.Add(deliveries[i] with { SendAt = grant.SlotAt(i) });
                }
                else
                {
                    var dueAgain = grant.DueAgainAt(i - grant.Granted);
                    waiting.Add(new DecidedOutcome(deliveries[i], new DeliveryStep(DeliveryStatus.Pending, dueAgain > now ? dueAgain : now, null, EndpointHealth.Unchanged)));
                }
            }
        }
        if (waiting.Count > 0)
        {
            await DeliveryStore.RecordAsync(session, sql, waiting, now.ToUnixTimeMilliseconds(), cancellationToken);
        }
        return assigned;
    }
}
