namespace Libromi.Connect.Server.Storage;

/// <summary>
/// The schema, one entry per migration, written once for every provider with the column types its
/// <see cref="SqlDialect"/> names. Times are unix milliseconds, flags 0/1 integers, JSON text. A released entry never
/// changes (databases have applied it); a change is a new entry at the end.
/// </summary>
public static class Migrations
{
    public static IReadOnlyList<string> For(SqlDialect sql) =>
        [
            // 1: the tables of the first release.
            $"""
            CREATE TABLE accounts (
                id {sql.KeyText} PRIMARY KEY,
                name TEXT NOT NULL,
                created_at {sql.BigInt} NOT NULL);
            CREATE TABLE api_keys (
                key_hash {sql.KeyText} PRIMARY KEY,
                account_id {sql.KeyText} NOT NULL,
                created_at {sql.BigInt} NOT NULL);
            CREATE TABLE contacts (
                id {sql.KeyText} PRIMARY KEY,
                account_id {sql.KeyText} NOT NULL,
                name TEXT NOT NULL,
                phone {sql.KeyText} NOT NULL,
                email TEXT,
                attributes TEXT NOT NULL,
                created_at {sql.BigInt} NOT NULL,
                updated_at {sql.BigInt} NOT NULL);
            CREATE UNIQUE INDEX contacts_phone ON contacts (account_id, phone);
            CREATE INDEX contacts_account ON contacts (account_id, id);
            CREATE TABLE messages (
                id {sql.KeyText} PRIMARY KEY,
                account_id {sql.KeyText} NOT NULL,
                contact_id {sql.KeyText} NOT NULL,
                direction TEXT NOT NULL,
                type TEXT NOT NULL,
                content TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at {sql.BigInt} NOT NULL);
            CREATE INDEX messages_account ON messages (account_id, id);
            CREATE INDEX messages_contact ON messages (account_id, contact_id, id);
            CREATE TABLE chatbots (
                id {sql.KeyText} PRIMARY KEY,
                account_id {sql.KeyText} NOT NULL,
                name TEXT NOT NULL,
                keywords TEXT NOT NULL,
                match TEXT NOT NULL,
                reply TEXT NOT NULL,
                enabled INTEGER NOT NULL,
                created_at {sql.BigInt} NOT NULL,
                updated_at {sql.BigInt} NOT NULL);
            CREATE INDEX chatbots_account ON chatbots (account_id, id);
            CREATE TABLE webhooks (
                id {sql.KeyText} PRIMARY KEY,
                account_id {sql.KeyText} NOT NULL,
                url TEXT NOT NULL,
                events TEXT NOT NULL,
                event_mask {sql.BigInt} NOT NULL,
                description TEXT,
                enabled INTEGER NOT NULL,
                disabled_reason TEXT,
                secret TEXT NOT NULL,
                previous_secret TEXT,
                previous_secret_expires_at {sql.BigInt},
                failing_since {sql.BigInt},
                session_expires_at {sql.BigInt},
                created_at {sql.BigInt} NOT NULL,
                updated_at {sql.BigInt} NOT NULL);
            CREATE INDEX webhooks_account ON webhooks (account_id, id);
            CREATE TABLE events (
                id {sql.KeyText} PRIMARY KEY,
                account_id {sql.KeyText} NOT NULL,
                type {sql.KeyText} NOT NULL,
                created_at {sql.BigInt} NOT NULL,
                payload {sql.Blob} NOT NULL);
            CREATE INDEX events_account ON events (account_id, id);
            CREATE INDEX events_type ON events (account_id, type, id);
            CREATE TABLE deliveries (
                id {sql.IdentityKey},
                account_id {sql.KeyText} NOT NULL,
                event_id {sql.KeyText} NOT NULL,
                event_type TEXT NOT NULL,
                webhook_id {sql.KeyText} NOT NULL,
                status INTEGER NOT NULL,
                attempt_count INTEGER NOT NULL,
                max_attempts INTEGER NOT NULL,
                next_attempt_at {sql.BigInt} NOT NULL,
                lease_token {sql.BigInt} NOT NULL,
                last_status_code INTEGER,
                last_error TEXT,
                created_at {sql.BigInt} NOT NULL,
                updated_at {sql.BigInt} NOT NULL);
            CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 0;
            CREATE INDEX deliveries_webhook ON deliveries (webhook_id, id);
            CREATE INDEX deliveries_event ON deliveries (event_id);
            CREATE TABLE delivery_attempts (
                id {sql.IdentityKey},
                delivery_id {sql.BigInt} NOT NULL,
                attempt INTEGER NOT NULL,
                started_at {sql.BigInt} NOT NULL,
                duration_ms INTEGER NOT NULL,
                status_code INTEGER,
                error_kind TEXT,
                error TEXT,
                response_headers TEXT,
                response_body TEXT);
            CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id, attempt);
            CREATE TABLE idempotency_keys (
                account_id {sql.KeyText} NOT NULL,
                key {sql.KeyText} NOT NULL,
                fingerprint TEXT NOT NULL,
                status_code INTEGER NOT NULL,
                response {sql.Blob} NOT NULL,
                created_at {sql.BigInt} NOT NULL,
                PRIMARY KEY (account_id, key));
            """,
            // 2: the purge of expired idempotency keys finds them without scanning the table.
            "CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);",
            // 3: how a webhook's deliveries travel (0 HTTP, 1 listen session), instead of guessing it from its columns.
            """
            ALTER TABLE webhooks ADD COLUMN transport INTEGER NOT NULL DEFAULT 0;
            UPDATE webhooks SET transport = 1 WHERE session_expires_at IS NOT NULL;
            """,
            // 4: ordered and paced delivery. A webhook's ordering (0 none, 1 per contact) and rate limit (per second), when
            // its endpoint is paused until (Retry-After), and its next free send slot under the limit; a delivery's ordering
            // key (the contact's id, for ordered webhooks), with the index that finds the deliveries queued before it.
            $"""
            ALTER TABLE webhooks ADD COLUMN ordering INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE webhooks ADD COLUMN rate_limit INTEGER;
            ALTER TABLE webhooks ADD COLUMN paused_until {sql.BigInt};
            ALTER TABLE webhooks ADD COLUMN rate_slot_at {sql.BigInt};
            ALTER TABLE deliveries ADD COLUMN ordering_key {sql.KeyText};
            CREATE INDEX deliveries_ordered ON deliveries (webhook_id, ordering_key, id) WHERE status = 0 AND ordering_key IS NOT NULL;
            """,
            // 5: endpoint configuration. A webhook's payload filter (normalised JSON, null for none), custom headers (JSON
            // object) and endpoint authentication (JSON, with its write-only secrets), its signing scheme (0 hmac,
            // 1 ed25519) with its Ed25519 signing key and the previous one, which signs until previous_secret_expires_at.
            """
            ALTER TABLE webhooks ADD COLUMN filter TEXT;
            ALTER TABLE webhooks ADD COLUMN headers TEXT;
            ALTER TABLE webhooks ADD COLUMN auth TEXT;
            ALTER TABLE webhooks ADD COLUMN signing INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE webhooks ADD COLUMN signing_key TEXT;
            ALTER TABLE webhooks ADD COLUMN previous_signing_key TEXT;
            """,
            // 6: data lifecycle. An event's contact (data.contact.id, for erasure), backfilled from the stored payloads; an
            // attempt's delivery creation time (the time partitions' key), backfilled from its delivery; the cancelled deliveries
            // (of erased contacts), which the purge finds by when they ended; the audit record
            // of each contact erasure, which holds no personal data: ids, the time and what was removed.
            $"""
            ALTER TABLE events ADD COLUMN contact_id {sql.KeyText};
            UPDATE events SET contact_id = {sql.PayloadContactId};
            CREATE INDEX events_contact ON events (account_id, contact_id) WHERE contact_id IS NOT NULL;
            ALTER TABLE delivery_attempts ADD COLUMN created_at {sql.BigInt} NOT NULL DEFAULT 0;
            UPDATE delivery_attempts SET created_at = COALESCE((SELECT d.created_at FROM deliveries d WHERE d.id = delivery_attempts.delivery_id), 0);
            CREATE INDEX deliveries_cancelled ON deliveries (updated_at) WHERE status = 3;
            CREATE TABLE erasures (
                id {sql.KeyText} PRIMARY KEY,
                account_id {sql.KeyText} NOT NULL,
                contact_id {sql.KeyText} NOT NULL,
                erased_at {sql.BigInt} NOT NULL,
                messages INTEGER NOT NULL,
                events INTEGER NOT NULL,
                deliveries INTEGER NOT NULL,
                attempts INTEGER NOT NULL,
                cancelled INTEGER NOT NULL);
            CREATE INDEX erasures_account ON erasures (account_id, id);
            """,
            // 7: observability. The W3C trace context of the span that wrote each event, which the spans of its delivery
            // attempts link to (null when the request was not traced); the stats rollups, one row per webhook and five
            // minutes (attempts and ended deliveries by outcome, attempt durations by bucket), and the pending deliveries
            // of a webhook, which the stats' backlog counts.
            $"""
            ALTER TABLE events ADD COLUMN trace_parent TEXT;
            CREATE TABLE webhook_stats (
                webhook_id {sql.KeyText} NOT NULL,
                bucket {sql.BigInt} NOT NULL,
                attempts_ok {sql.BigInt} NOT NULL,
                attempts_failed {sql.BigInt} NOT NULL,
                delivered {sql.BigInt} NOT NULL,
                failed {sql.BigInt} NOT NULL,
                d0 {sql.BigInt} NOT NULL,
                d1 {sql.BigInt} NOT NULL,
                d2 {sql.BigInt} NOT NULL,
                d3 {sql.BigInt} NOT NULL,
                d4 {sql.BigInt} NOT NULL,
                d5 {sql.BigInt} NOT NULL,
                d6 {sql.BigInt} NOT NULL,
                d7 {sql.BigInt} NOT NULL,
                d8 {sql.BigInt} NOT NULL,
                d9 {sql.BigInt} NOT NULL,
                d10 {sql.BigInt} NOT NULL,
                d11 {sql.BigInt} NOT NULL,
                d12 {sql.BigInt} NOT NULL,
                PRIMARY KEY (webhook_id, bucket));
            CREATE INDEX deliveries_pending ON deliveries (webhook_id, created_at) WHERE status = 0;
            """,
            // 8: time partitions. On PostgreSQL events, deliveries and attempts are partitioned by created_at, the tables
            // so far kept whole as the partition of everything before; a statement that changes nothing on SQLite.
            sql.PartitionByTime,
            // 9: accounts and API keys. An account can be disabled (its keys refused, its webhooks' deliveries paused through
            // webhooks.account_disabled, which the lease reads on the webhook row it already looks up); a key has a public id,
            // a name, a scope (full or read), the first characters shown in lists (null for keys from before, whose text
            // was never stored), when it was last used and when it was revoked. Keys from before get ids that sort before
            // every newer one, the full scope and the name "Default key". The one-time sign-in tokens of portal sessions, stored
            // as hashes, which an account's next session removes once expired.
            $"""
            ALTER TABLE accounts ADD COLUMN disabled_at {sql.BigInt};
            ALTER TABLE api_keys ADD COLUMN id {sql.KeyText} NOT NULL DEFAULT '';
            ALTER TABLE api_keys ADD COLUMN name TEXT NOT NULL DEFAULT 'Default key';
            ALTER TABLE api_keys ADD COLUMN scope TEXT NOT NULL DEFAULT 'full';
            ALTER TABLE api_keys ADD COLUMN prefix TEXT;
            ALTER TABLE api_keys ADD COLUMN last_used_at {sql.BigInt};
            ALTER TABLE api_keys ADD COLUMN revoked_at {sql.BigInt};
            UPDATE api_keys SET id = 'key_00000000' || upper(substr(key_hash, 1, 18));
            CREATE UNIQUE INDEX api_keys_id ON api_keys (id);
            CREATE INDEX api_keys_account ON api_keys (account_id, id);
            ALTER TABLE webhooks ADD COLUMN account_disabled INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE portal_sessions (
                token_hash {sql.KeyText} PRIMARY KEY,
                account_id {sql.KeyText} NOT NULL,
                created_at {sql.BigInt} NOT NULL,
                expires_at {sql.BigInt} NOT NULL,
                redeemed_at {sql.BigInt});
            CREATE INDEX portal_sessions_account ON portal_sessions (account_id, expires_at);
            """,
            // 10: an account's default region (ISO 3166 alpha-2), the region phone numbers in national format are read
            // in; null: international format only. Stored numbers are checked against libphonenumber by the phone check
            // (Contacts/PhoneCheck), not here: SQL cannot parse them.
            "ALTER TABLE accounts ADD COLUMN default_region TEXT;",
        ];
}
