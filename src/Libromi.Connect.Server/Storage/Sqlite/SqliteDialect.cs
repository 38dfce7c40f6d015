namespace Libromi.Connect.Server.Storage.Sqlite;

internal sealed class SqliteDialect : SqlDialect
{
    // SQLite has one writer at a time, so the sub-select and the update cannot race with another leaser.
    public override string LeaseDeliveries(int excludedWebhooks, bool oneWebhook = false) => $"""
        UPDATE deliveries
        SET next_attempt_at = @lease_until, lease_token = lease_token + 1
        WHERE id IN (
            SELECT id FROM deliveries
            WHERE status = 0 AND next_attempt_at <= @now{WebhookFilter(excludedWebhooks, oneWebhook)}
            ORDER BY next_attempt_at
            LIMIT @limit)
        RETURNING id, lease_token, event_id, webhook_id, attempt_count, max_attempts
        """;
}
