using System.Globalization;
using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Delivery;

public static partial class DeliveryStore
{
    /// <summary>
    /// Leases up to <paramref name="limit"/> due deliveries, none for <paramref name="excludedWebhooks"/>, or only for
    /// <paramref name="onlyWebhook"/>. The due deliveries of <paramref name="held"/> it meets count towards the limit and
    /// are moved to their endpoint's time instead of leased (the second value counts them).
    /// </summary>
    public static async Task<(List<LeasedDelivery> Leased, int Held)> LeaseAsync(StoreSession session, SqlDialect sql, DateTimeOffset now, DateTimeOffset leaseUntil,
        int limit, IReadOnlyList<string> excludedWebhooks, IReadOnlyList<HeldEndpoint> held, string? onlyWebhook, CancellationToken cancellationToken)
    {
        var leased = new List<LeasedDelivery>(limit);
        var moved = 0;
        await using var lease = session.Command(onlyWebhook is null ? sql.LeaseDeliveries : sql.LeaseDeliveriesOf)
            .With("@now", now.ToUnixTimeMilliseconds()).With("@lease_until", leaseUntil.ToUnixTimeMilliseconds()).With("@limit", limit)
            .With("@horizon", RateBudget.Micros(now + RateBudget.Horizon))
            .With("@held", OutcomeJson.Held(held));
        if (onlyWebhook is null)
        {
            lease.With("@excluded", sql.WebhookList(excludedWebhooks));
        }
        else
        {
            lease.With("@only", onlyWebhook);
        }
        var heldIds = held.Count == 0 ? null : held.Select(h => h.WebhookId).ToHashSet(StringComparer.Ordinal);
        await using var reader = await lease.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (heldIds?.Contains(reader.GetString(3)) == true)
            {
                moved++;
                continue;
            }
            leased.Add(new LeasedDelivery(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt32(4), reader.GetInt32(5), leaseUntil, reader.IsDBNull(6) ? null : reader.GetInt32(6), reader.GetBoolean(7), CreatedAt: reader.GetTime(8)));
        }
        return (leased, moved);
    }

    /// <summary>
    /// Makes the webhook's pending deliveries that leases moved to <paramref name="held"/>'s time due at
    /// <paramref name="now"/>. The time is the hold's own, to the millisecond, so retries scheduled otherwise keep theirs.
    /// </summary>
    public static async Task<int> ReleaseAsync(StoreSession session, HeldEndpoint held, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The literal status matches the partial due index, whose seek on the hold's exact time finds them; the webhook's
        // own index would walk every delivery it ever had.
        await using var release = session.Command("""
            UPDATE deliveries SET next_attempt_at = @now
            WHERE status = 0 AND next_attempt_at = @until AND webhook_id = @w
            """).With("@w", held.WebhookId).With("@until", held.Until.ToUnixTimeMilliseconds()).With("@now", now.ToUnixTimeMilliseconds());
        return await release.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Moves the webhook's due pending deliveries to <paramref name="until"/>, its endpoint's pause (<c>Retry-After</c>),
    /// for every node at once; leased ones (due at their lease's end) are left alone. A pause is rare and one-off, so one
    /// statement over the backlog, unlike a circuit's holds, which leases apply as they meet the deliveries.
    /// </summary>
    public static async Task DeferAsync(StoreSession session, string webhookId, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var defer = session.Command("""
            UPDATE deliveries SET next_attempt_at = @until
            WHERE webhook_id = @w AND status = @pending AND next_attempt_at <= @now
            """).With("@w", webhookId).With("@until", until.ToUnixTimeMilliseconds()).With("@now", now.ToUnixTimeMilliseconds())
            .With("@pending", (int)DeliveryStatus.Pending);
        await defer.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The earliest due time of a pending delivery after <paramref name="after"/>: one seek on the due index.</summary>
    public static async Task<DateTimeOffset?> NextDueAsync(StoreSession session, DateTimeOffset after, CancellationToken cancellationToken)
    {
        // The literal status matches the partial due index, which a parameter would not.
        await using var select = session.Command("SELECT MIN(next_attempt_at) FROM deliveries WHERE status = 0 AND next_attempt_at > @after")
            .With("@after", after.ToUnixTimeMilliseconds());
        var value = await select.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Stores what the transition decided for each leased delivery, its state and the attempt it logs, in two statements
    /// for the whole batch (<see cref="SqlDialect.RecordOutcomes"/>, <see cref="SqlDialect.LogAttempts"/>). Each update is
    /// fenced by the lease token, so a worker that lost its lease cannot overwrite a newer outcome; those come back in the
    /// second list, change nothing and log nothing. An ordered delivery scheduled for a retry moves the due time of the
    /// later deliveries of its contact to its own (<see cref="SqlDialect.HoldSuccessors"/>).
    /// </summary>
    public static async Task<(List<DecidedOutcome> Stored, List<DecidedOutcome> Stale)> RecordAsync(StoreSession session, SqlDialect sql,
        IReadOnlyList<DecidedOutcome> batch, long nowMs, CancellationToken cancellationToken)
    {
        var changed = new HashSet<long>();
        await using (var update = session.Command(sql.RecordOutcomes).With("@batch", OutcomeJson.Outcomes(batch)).With("@now", nowMs))
        await using (var reader = await update.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                changed.Add(reader.GetInt64(0));
            }
        }
        var stored = new List<DecidedOutcome>(batch.Count);
        var stale = new List<DecidedOutcome>();
        foreach (var decided in batch)
        {
            (changed.Contains(decided.Lease.Id) ? stored : stale).Add(decided);
        }
        if (OutcomeJson.Attempts(stored) is { } attempts)
        {
            await using var insert = session.Command(sql.LogAttempts).With("@attempts", attempts);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        var retried = stored.Where(d => d.Lease.Ordered && d.Step is { Status: DeliveryStatus.Pending, Attempt: not null }).Select(d => d.Lease.Id).ToList();
        if (retried.Count > 0)
        {
            await using var hold = session.Command(sql.HoldSuccessors).With("@heads", "[" + string.Join(',', retried.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]");
            await hold.ExecuteNonQueryAsync(cancellationToken);
        }
        return (stored, stale);
    }
}
