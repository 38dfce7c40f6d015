namespace Libromi.Connect.Server.Tests.Storage.Schema;

/// <summary>
/// The SQLite migrations exactly as released, when each provider had a copy of its own: the text databases out there
/// were built with, which the single migration list must keep rendering for this provider.
/// </summary>
internal static class ReleasedSqliteMigrations
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE accounts (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE TABLE api_keys (
            key_hash TEXT PRIMARY KEY,
            account_id TEXT NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE TABLE contacts (
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL,
            name TEXT NOT NULL,
            phone TEXT NOT NULL,
            email TEXT,
            attributes TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL);
        CREATE UNIQUE INDEX contacts_phone ON contacts (account_id, phone);
        CREATE INDEX contacts_account ON contacts (account_id, id);
        CREATE TABLE messages (
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL,
            contact_id TEXT NOT NULL,
            direction TEXT NOT NULL,
            type TEXT NOT NULL,
            content TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE INDEX messages_account ON messages (account_id, id);
        CREATE INDEX messages_contact ON messages (account_id, contact_id, id);
        CREATE TABLE chatbots (
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL,
            name TEXT NOT NULL,
            keywords TEXT NOT NULL,
            match TEXT NOT NULL,
            reply TEXT NOT NULL,
            enabled INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL);
        CREATE INDEX chatbots_account ON chatbots (account_id, id);
        CREATE TABLE webhooks (
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL,
            url TEXT NOT NULL,
            events TEXT NOT NULL,
            event_mask INTEGER NOT NULL,
            description TEXT,
            enabled INTEGER NOT NULL,
            disabled_reason TEXT,
            secret TEXT NOT NULL,
            previous_secret TEXT,
            previous_secret_expires_at INTEGER,
            failing_since INTEGER,
            session_expires_at INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL);
        CREATE INDEX webhooks_account ON webhooks (account_id, id);
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL,
            type TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            payload BLOB NOT NULL);
        CREATE INDEX events_account ON events (account_id, id);
        CREATE INDEX events_type ON events (account_id, type, id);
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            account_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            webhook_id TEXT NOT NULL,
            status INTEGER NOT NULL,
            attempt_count INTEGER NOT NULL,
            max_attempts INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            lease_token INTEGER NOT NULL,
            last_status_code INTEGER,
            last_error TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL);
        CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 0;
        CREATE INDEX deliveries_webhook ON deliveries (webhook_id, id);
        CREATE INDEX deliveries_event ON deliveries (event_id);
        CREATE TABLE delivery_attempts (
            id INTEGER PRIMARY KEY,
            delivery_id INTEGER NOT NULL,
            attempt INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL,
            status_code INTEGER,
            error_kind TEXT,
            error TEXT,
            response_headers TEXT,
            response_body TEXT);
        CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id, attempt);
        CREATE TABLE idempotency_keys (
            account_id TEXT NOT NULL,
            key TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            status_code INTEGER NOT NULL,
            response BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (account_id, key));
        """,
        // 2: the purge of expired idempotency keys finds them without scanning the table.
        "CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);",
        // 3: how a webhook's deliveries travel (0 HTTP, 1 listen session), instead of guessing it from its columns.
        """
        ALTER TABLE webhooks ADD COLUMN transport INTEGER NOT NULL DEFAULT 0;
        UPDATE webhooks SET transport = 1 WHERE session_expires_at IS NOT NULL;
        """,
        // 4: ordered and paced delivery.
        """
        ALTER TABLE webhooks ADD COLUMN ordering INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE webhooks ADD COLUMN rate_limit INTEGER;
        ALTER TABLE webhooks ADD COLUMN paused_until INTEGER;
        ALTER TABLE webhooks ADD COLUMN rate_slot_at INTEGER;
        ALTER TABLE deliveries ADD COLUMN ordering_key TEXT;
        CREATE INDEX deliveries_ordered ON deliveries (webhook_id, ordering_key, id) WHERE status = 0 AND ordering_key IS NOT NULL;
        """,
        // 5: endpoint configuration.
        """
        ALTER TABLE webhooks ADD COLUMN filter TEXT;
        ALTER TABLE webhooks ADD COLUMN headers TEXT;
        ALTER TABLE webhooks ADD COLUMN auth TEXT;
        ALTER TABLE webhooks ADD COLUMN signing INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE webhooks ADD COLUMN signing_key TEXT;
        ALTER TABLE webhooks ADD COLUMN previous_signing_key TEXT;
        """,
        // 6: data lifecycle.
        """
        ALTER TABLE events ADD COLUMN contact_id TEXT;
        UPDATE events SET contact_id = json_extract(CAST(payload AS TEXT), '$.data.contact.id');
        CREATE INDEX events_contact ON events (account_id, contact_id) WHERE contact_id IS NOT NULL;
        ALTER TABLE delivery_attempts ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
        UPDATE delivery_attempts SET created_at = COALESCE((SELECT d.created_at FROM deliveries d WHERE d.id = delivery_attempts.delivery_id), 0);
        CREATE INDEX deliveries_cancelled ON deliveries (updated_at) WHERE status = 3;
        CREATE TABLE erasures (
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL,
            contact_id TEXT NOT NULL,
            erased_at INTEGER NOT NULL,
            messages INTEGER NOT NULL,
            events INTEGER NOT NULL,
            deliveries INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            cancelled INTEGER NOT NULL);
        CREATE INDEX erasures_account ON erasures (account_id, id);
        """,
        // 7: observability.
        """
        ALTER TABLE events ADD COLUMN trace_parent TEXT;
        CREATE TABLE webhook_stats (
            webhook_id TEXT NOT NULL,
            bucket INTEGER NOT NULL,
            attempts_ok INTEGER NOT NULL,
            attempts_failed INTEGER NOT NULL,
            delivered INTEGER NOT NULL,
            failed INTEGER NOT NULL,
            d0 INTEGER NOT NULL,
            d1 INTEGER NOT NULL,
            d2 INTEGER NOT NULL,
            d3 INTEGER NOT NULL,
            d4 INTEGER NOT NULL,
            d5 INTEGER NOT NULL,
            d6 INTEGER NOT NULL,
            d7 INTEGER NOT NULL,
            d8 INTEGER NOT NULL,
            d9 INTEGER NOT NULL,
            d10 INTEGER NOT NULL,
            d11 INTEGER NOT NULL,
            d12 INTEGER NOT NULL,
            PRIMARY KEY (webhook_id, bucket));
        CREATE INDEX deliveries_pending ON deliveries (webhook_id, created_at) WHERE status = 0;
        """,
        // 8: time partitions (PostgreSQL only).
        "SELECT 1;",
        // 9: accounts and API keys.
        """
        ALTER TABLE accounts ADD COLUMN disabled_at INTEGER;
        ALTER TABLE api_keys ADD COLUMN id TEXT NOT NULL DEFAULT '';
        ALTER TABLE api_keys ADD COLUMN name TEXT NOT NULL DEFAULT 'Default key';
        ALTER TABLE api_keys ADD COLUMN scope TEXT NOT NULL DEFAULT 'full';
        ALTER TABLE api_keys ADD COLUMN prefix TEXT;
        ALTER TABLE api_keys ADD COLUMN last_used_at INTEGER;
        ALTER TABLE api_keys ADD COLUMN revoked_at INTEGER;
        UPDATE api_keys SET id = 'key_00000000' || upper(substr(key_hash, 1, 18));
        CREATE UNIQUE INDEX api_keys_id ON api_keys (id);
        CREATE INDEX api_keys_account ON api_keys (account_id, id);
        ALTER TABLE webhooks ADD COLUMN account_disabled INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE portal_sessions (
            token_hash TEXT PRIMARY KEY,
            account_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            redeemed_at INTEGER);
        CREATE INDEX portal_sessions_account ON portal_sessions (account_id, expires_at);
        """,
        // 10: accounts' default region for phone numbers.
        "ALTER TABLE accounts ADD COLUMN default_region TEXT;",
    ];
}
