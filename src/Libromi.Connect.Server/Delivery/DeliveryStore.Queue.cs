using System.Globalization;
using System.Text;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Delivery;

public static partial class DeliveryStore
{
    // The webhooks an event of a type goes to; FanOutAsync, FilteredCandidatesAsync and LockOrderedContactAsync share it.
    private const string Subscribed = "account_id = @a AND enabled = 1 AND (event_mask & @bit) <> 0 AND (session_expires_at IS NULL OR session_expires_at > @now)";

    /// <summary>
    /// The fan-out, in one statement: one pending delivery of the event per enabled webhook of the account subscribed to
    /// its type (<paramref name="bit"/>), listen sessions only while they last, that has no filter or is one of
    /// <paramref name="passedFilters"/>; with <paramref name="onlyWebhookId"/>, to that webhook alone whatever it
    /// subscribes to and filters; never to <paramref name="exceptWebhookId"/>. A webhook ordered by contact gets <paramref name="contactId"/> as the delivery's
    /// ordering key; an endpoint paused by <c>Retry-After</c> gets it due when the pause ends. Returns how many
    /// deliveries it queued.
    /// </summary>
    public static async Task<int> FanOutAsync(StoreSession session, string accountId, string eventId, string eventType, long bit, string? contactId, string? onlyWebhookId,
        IReadOnlyList<string> passedFilters, int maxAttempts, long nowMs, CancellationToken cancellationToken, string? exceptWebhookId = null)
    {
        const string insert = """
            INSERT INTO deliveries (account_id, event_id, event_type, webhook_id, status, attempt_count, max_attempts,
                                    next_attempt_at, lease_token, created_at, updated_at, ordering_key)
            SELECT account_id, @e, @type, id, @pending, 0, @max, CASE WHEN paused_until > @now THEN paused_until ELSE @now END, 0, @now, @now,
                   CASE WHEN ordering = 1 THEN @contact END
            FROM webhooks
            """;
        await using var fanOut = (onlyWebhookId is null
            ? session.Command(insert + " WHERE " + Subscribed + PassedFilter(passedFilters.Count) + (exceptWebhookId is null ? "" : " AND id <> @except"))
                .With("@bit", bit)
            : session.Command(insert + " WHERE account_id = @a AND id = @id").With("@id", onlyWebhookId))
            .With("@a", accountId).With("@e", eventId).With("@type", eventType).With("@pending", (int)DeliveryStatus.Pending)
            .With("@max", maxAttempts).With("@now", nowMs).With("@contact", contactId);
        if (onlyWebhookId is null && exceptWebhookId is not null)
        {
            fanOut.With("@except", exceptWebhookId);
        }
        for (var i = 0; onlyWebhookId is null && i < passedFilters.Count; i++)
        {
            fanOut.With("@f" + i.ToString(CultureInfo.InvariantCulture), passedFilters[i]);
        }
        return await fanOut.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string PassedFilter(int count) => count == 0
        ? " AND filter IS NULL"
        : " AND (filter IS NULL OR id IN (" + string.Join(", ", Enumerable.Range(0, count).Select(i => "@f" + i.ToString(CultureInfo.InvariantCulture))) + "))";

    /// <summary>
    /// The webhooks <see cref="FanOutAsync"/> would pick that have a filter, with it: the caller decides which of them
    /// the event passes. An indexed read that finds nothing when the account has no filtered webhook.
    /// </summary>
    public static async Task<List<(string WebhookId, string Filter)>> FilteredCandidatesAsync(StoreSession session, string accountId, long bit, long nowMs,
        CancellationToken cancellationToken)
    {
        await using var select = session.Command("SELECT id, filter FROM webhooks WHERE " + Subscribed + " AND filter IS NOT NULL")
            .With("@a", accountId).With("@bit", bit).With("@now", nowMs);
        var candidates = new List<(string, string)>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            candidates.Add((reader.GetString(0), reader.GetString(1)));
        }
        return candidates;
    }

    /// <summary>
    /// Takes <paramref name="lockKey"/> (see <see cref="SqlDialect.LockKey"/>) on the contact when the event goes to a
    /// webhook ordered by contact (the same webhooks <see cref="FanOutAsync"/> picks), before the fan-out: delivery ids
    /// come from a sequence when inserted, not when committed, so without it two nodes writing events of one contact
    /// could commit them in the opposite order of their ids, and the order of the ids is the delivery order.
    /// </summary>
    public static async Task LockOrderedContactAsync(StoreSession session, string lockKey, string accountId, long bit, string contactId, string? onlyWebhookId,
        long nowMs, CancellationToken cancellationToken)
    {
        var select = lockKey + " FROM webhooks WHERE ordering = 1 AND ";
        await using var lockContact = (onlyWebhookId is null
            ? session.Command(select + Subscribed + " LIMIT 1")
                .With("@bit", bit).With("@now", nowMs)
            : session.Command(select + "account_id = @a AND id = @id LIMIT 1").With("@id", onlyWebhookId))
            .With("@a", accountId).With("@lock", accountId + "\ncontact\n" + contactId);
        await lockContact.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<long> FindIdByEventAsync(StoreSession session, string eventId, string webhookId, CancellationToken cancellationToken)
    {
        await using var select = session.Command("SELECT id FROM deliveries WHERE event_id = @e AND webhook_id = @w").With("@e", eventId).With("@w", webhookId);
        return Convert.ToInt64(await select.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Queues one delivery for one more attempt now, unless it is pending or cancelled (final); false then.</summary>
    public static async Task<bool> RetryAsync(StoreSession session, string accountId, long id, long nowMs, CancellationToken cancellationToken)
    {
        await using var update = session.Command("""
            UPDATE deliveries SET status = @pending, max_attempts = attempt_count + 1, next_attempt_at = @now, updated_at = @now
            WHERE account_id = @a AND id = @id AND status <> @pending AND status <> @cancelled
            """).With("@a", accountId).With("@id", id).With("@now", nowMs).With("@pending", (int)DeliveryStatus.Pending)
            .With("@cancelled", (int)DeliveryStatus.Cancelled);
        return await update.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Queues every failed delivery of the webhook created since <paramref name="sinceMs"/> for one more attempt.</summary>
    public static async Task<int> RequeueFailedAsync(StoreSession session, string accountId, string webhookId, long sinceMs, long nowMs, CancellationToken cancellationToken)
    {
        await using var update = session.Command("""
            UPDATE deliveries SET status = @pending, max_attempts = attempt_count + 1, next_attempt_at = @now, updated_at = @now
            WHERE account_id = @a AND webhook_id = @w AND status = @failed AND created_at >= @since
            """).With("@a", accountId).With("@w", webhookId).With("@since", sinceMs).With("@now", nowMs)
            .With("@pending", (int)DeliveryStatus.Pending).With("@failed", (int)DeliveryStatus.Failed);
        return await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Queues again what a listen session missed while nobody listened: failed deliveries, and pending ones waiting for
    /// a retry after a failed attempt. Each gets at least one more attempt.
    /// </summary>
    public static async Task<int> RequeueMissedAsync(StoreSession session, string webhookId, long nowMs, CancellationToken cancellationToken)
    {
        await using var update = session.Command("""
            UPDATE deliveries SET status = @pending, next_attempt_at = @now, updated_at = @now,
                max_attempts = CASE WHEN max_attempts > attempt_count THEN max_attempts ELSE attempt_count + 1 END
            WHERE webhook_id = @id AND (status = @failed OR (status = @pending AND attempt_count > 0))
            """).With("@id", webhookId).With("@now", nowMs).With("@pending", (int)DeliveryStatus.Pending).With("@failed", (int)DeliveryStatus.Failed);
        return await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes a webhook's deliveries with their attempt logs (the webhook itself goes in <c>WebhookStore.DeleteAsync</c>).</summary>
    public static async Task DeleteOfWebhookAsync(StoreSession session, string accountId, string webhookId, CancellationToken cancellationToken)
    {
        await using (var attempts = session.Command("""
            DELETE FROM delivery_attempts WHERE delivery_id IN (SELECT id FROM deliveries WHERE webhook_id = @id AND account_id = @a)
            """).With("@a", accountId).With("@id", webhookId))
        {
            await attempts.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var deliveries = session.Command("DELETE FROM deliveries WHERE webhook_id = @id AND account_id = @a").With("@a", accountId).With("@id", webhookId);
        await deliveries.ExecuteNonQueryAsync(cancellationToken);
    }
}
