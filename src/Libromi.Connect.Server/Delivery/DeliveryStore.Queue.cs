using System.Globalization;
using System.Text;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Delivery;

public static partial class DeliveryStore
{
    /// <summary>One pending delivery of the event per webhook, due at once, in one statement (at most a hundred or so webhooks per call).</summary>
    public static async Task InsertAsync(StoreSession session, string accountId, string eventId, string eventType, IReadOnlyList<string> webhookIds,
        int maxAttempts, long nowMs, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("""
            INSERT INTO deliveries (account_id, event_id, event_type, webhook_id, status, attempt_count, max_attempts,
                                    next_attempt_at, lease_token, created_at, updated_at)
            VALUES
            """);
        for (var i = 0; i < webhookIds.Count; i++)
        {
            sql.Append(i == 0 ? " " : ", ").Append("(@a, @e, @type, @w").Append(i.ToString(CultureInfo.InvariantCulture)).Append(", @pending, 0, @max, @now, 0, @now, @now)");
        }
        await using var insert = session.Command(sql.ToString()).With("@a", accountId).With("@e", eventId).With("@type", eventType)
            .With("@pending", (int)DeliveryStatus.Pending).With("@max", maxAttempts).With("@now", nowMs);
        for (var i = 0; i < webhookIds.Count; i++)
        {
            insert.With("@w" + i.ToString(CultureInfo.InvariantCulture), webhookIds[i]);
        }
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<long> FindIdByEventAsync(StoreSession session, string eventId, string webhookId, CancellationToken cancellationToken)
    {
        await using var select = session.Command("SELECT id FROM deliveries WHERE event_id = @e AND webhook_id = @w").With("@e", eventId).With("@w", webhookId);
        return Convert.ToInt64(await select.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Queues one delivery for one more attempt now, whatever its state; false when it is already pending.</summary>
    public static async Task<bool> RetryAsync(StoreSession session, string accountId, long id, long nowMs, CancellationToken cancellationToken)
    {
        await using var update = session.Command("""
            UPDATE deliveries SET status = @pending, max_attempts = attempt_count + 1, next_attempt_at = @now, updated_at = @now
            WHERE account_id = @a AND id = @id AND status <> @pending
            """).With("@a", accountId).With("@id", id).With("@now", nowMs).With("@pending", (int)DeliveryStatus.Pending);
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
