using System.Text.Json;

namespace Libromi.Connect.Server.Storage.Sqlite;

internal sealed class SqliteDialect : SqlDialect
{
    // BINARY, SQLite's default collation, already compares bytes.
    public override string KeyText => "TEXT";

    // SQLite's INTEGER holds 64 bits; the name also gives the column INTEGER affinity.
    public override string BigInt => "INTEGER";

    public override string Blob => "BLOB";

    // An INTEGER PRIMARY KEY is the rowid, which SQLite assigns.
    public override string IdentityKey => "INTEGER PRIMARY KEY";

    public override object WebhookList(IReadOnlyList<string> webhookIds) => JsonSerializer.Serialize(webhookIds);

    // SQLite has one writer at a time, so the sub-select and the update cannot race with another leaser.
    protected override string Lease(string webhookFilter) => $"""
        UPDATE deliveries
        SET next_attempt_at = @lease_until, lease_token = lease_token + 1
        WHERE id IN (
            SELECT id FROM deliveries
            WHERE status = 0 AND next_attempt_at <= @now {webhookFilter}
            ORDER BY next_attempt_at
            LIMIT @limit)
        RETURNING id, lease_token, event_id, webhook_id, attempt_count, max_attempts
        """;

    // A JSON array: SQLite has no array parameters, and json_each reads one as rows.
    protected override string WebhookIn(string parameter) => $"webhook_id IN (SELECT value FROM json_each({parameter}))";
}
