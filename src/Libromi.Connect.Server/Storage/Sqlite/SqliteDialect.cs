using System.Text.Json;

namespace Libromi.Connect.Server.Storage.Sqlite;

internal sealed class SqliteDialect : SqlDialect
{
    // BINARY, SQLite's default collation, already compares bytes.
    public override string KeyText => "TEXT";

    // SQLite's INTEGER holds 64 bits; the name also gives the column INTEGER affinity.
    public override string BigInt => "INTEGER";

    public override string PayloadContactId => "json_extract(CAST(payload AS TEXT), '$.data.contact.id')";

    public override string Blob => "BLOB";

    // An INTEGER PRIMARY KEY is the rowid, which SQLite assigns.
    public override string IdentityKey => "INTEGER PRIMARY KEY";

    public override object WebhookList(IReadOnlyList<string> webhookIds) => JsonSerializer.Serialize(webhookIds);

    // SQLite has one writer at a time, so the sub-select and the update cannot race with another leaser.
    protected override string Lease(string webhookFilter) => $"""
        UPDATE deliveries
        SET next_attempt_at = COALESCE({HeldUntil}, @lease_until), lease_token = lease_token + 1
        WHERE id IN (
            SELECT id FROM deliveries AS c
            WHERE status = 0 AND next_attempt_at <= @now {webhookFilter}
              AND {EndpointReady("c")} AND {HeadOfItsContact("c")}
            ORDER BY next_attempt_at
            LIMIT @limit)
        RETURNING id, lease_token, event_id, webhook_id, attempt_count, max_attempts, {RateLimitOf("deliveries")}, ordering_key IS NOT NULL, created_at
        """;

    protected override string HeldUntil => "(SELECT h.value ->> 'u' FROM json_each(@held) AS h WHERE h.value ->> 'w' = deliveries.webhook_id)";

    // A JSON array, as for webhook ids.
    protected override string IdIn(string parameter) => $"IN (SELECT value FROM json_each({parameter}))";

    // A JSON array: SQLite has no array parameters, and json_each reads one as rows.
    protected override string WebhookIn(string parameter) => $"webhook_id IN (SELECT value FROM json_each({parameter}))";

    public override string RecordOutcomes => """
        UPDATE deliveries
        SET status = CASE b.hand_back WHEN 1 THEN deliveries.status ELSE b.status END,
            attempt_count = CASE b.hand_back WHEN 1 THEN deliveries.attempt_count ELSE b.n END,
            next_attempt_at = b.next,
            last_status_code = CASE b.hand_back WHEN 1 THEN deliveries.last_status_code ELSE b.code END,
            last_error = CASE b.hand_back WHEN 1 THEN deliveries.last_error ELSE b.error END,
            updated_at = CASE b.hand_back WHEN 1 THEN deliveries.updated_at ELSE @now END
        FROM (SELECT value ->> 'id' AS id, value ->> 'token' AS token, value ->> 'hand_back' AS hand_back, value ->> 'status' AS status,
                value ->> 'n' AS n, value ->> 'next' AS next, value ->> 'code' AS code, value ->> 'error' AS error
            FROM json_each(@batch)) AS b
        WHERE deliveries.id = b.id AND deliveries.lease_token = b.token AND deliveries.status = 0
        RETURNING deliveries.id
        """;

    // One file, one writer, and the purge deletes rows: nothing to partition.
    public override string PartitionByTime => "SELECT 1;";

    public override string LogAttempts => """
        INSERT INTO delivery_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error_kind, error, response_headers, response_body,
                                       created_at)
        SELECT a.value ->> 'id', a.value ->> 'n', a.value ->> 'started', a.value ->> 'duration', a.value ->> 'code', a.value ->> 'kind', a.value ->> 'error',
            a.value ->> 'headers', a.value ->> 'body', d.created_at
        FROM json_each(@attempts) AS a JOIN deliveries d ON d.id = a.value ->> 'id'
        """;
}
