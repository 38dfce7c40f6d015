namespace Libromi.Connect.Server.Storage.Postgres;

internal sealed class PostgresDialect : SqlDialect
{
    /// <summary>The channel on which nodes tell each other that deliveries are due.</summary>
    public const string DeliveriesChannel = "libromi_deliveries";

    public override object WebhookList(IReadOnlyList<string> webhookIds) => webhookIds as string[] ?? [.. webhookIds];

    // Several nodes lease at once: SKIP LOCKED lets each take rows no other transaction holds, without waiting on them.
    protected override string Lease(string webhookFilter) => $"""
        UPDATE deliveries AS d
        SET next_attempt_at = @lease_until, lease_token = d.lease_token + 1
        FROM (
            SELECT id FROM deliveries
            WHERE status = 0 AND next_attempt_at <= @now {webhookFilter}
            ORDER BY next_attempt_at
            LIMIT @limit
            FOR UPDATE SKIP LOCKED) AS due
        WHERE d.id = due.id
        RETURNING d.id, d.lease_token, d.event_id, d.webhook_id, d.attempt_count, d.max_attempts
        """;

    protected override string WebhookIn(string parameter) => $"webhook_id = ANY({parameter})";

    // Transaction-scoped: released at commit or rollback, so a crashed request can never leave it held.
    public override string? LockKey => "SELECT pg_advisory_xact_lock(hashtextextended(@lock, 0))";

    // Delivered to listeners only when the transaction commits, and once per transaction however often it runs.
    public override string? WakeWorkers => "NOTIFY " + DeliveriesChannel;
}
