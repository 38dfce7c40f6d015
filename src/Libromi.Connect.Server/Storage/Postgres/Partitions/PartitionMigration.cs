namespace Libromi.Connect.Server.Storage.Postgres.Partitions;

/// <summary>
/// Migration 8 on PostgreSQL: <c>events</c>, <c>deliveries</c> and <c>delivery_attempts</c> become tables partitioned by
/// range of <c>created_at</c>. The existing tables are not copied: each is renamed <c>*_legacy</c> and attached as the
/// partition of everything before the boundary (the start of the current interval, which the node sets as
/// <c>libromi.partition_start</c>, or past the newest row already stored). Primary keys become (id, created_at), as a
/// partitioned table's unique keys must hold its partition key; ids from identities become explicit sequences that go on
/// from the old ones. The indexes are declared on the parents, so every partition has them; the legacy tables' own are
/// attached as they are; their primary keys on id alone are dropped, and only the new ones are built.
/// </summary>
internal static class PartitionMigration
{
    public const string StartSetting = "libromi.partition_start";

    public static string Sql { get; } = $$"""
        DO $partition$
        DECLARE
            bound BIGINT;
            next_delivery BIGINT;
            next_attempt BIGINT;
        BEGIN
            bound := GREATEST(
                COALESCE(NULLIF(current_setting('{{StartSetting}}', true), '')::bigint, (extract(epoch FROM clock_timestamp()) * 1000)::bigint),
                COALESCE((SELECT MAX(created_at) + 1 FROM events), 0),
                COALESCE((SELECT MAX(created_at) + 1 FROM deliveries), 0),
                COALESCE((SELECT MAX(created_at) + 1 FROM delivery_attempts), 0));
            next_delivery := GREATEST(nextval(pg_get_serial_sequence('deliveries', 'id')), COALESCE((SELECT MAX(id) + 1 FROM deliveries), 1));
            next_attempt := GREATEST(nextval(pg_get_serial_sequence('delivery_attempts', 'id')), COALESCE((SELECT MAX(id) + 1 FROM delivery_attempts), 1));

            ALTER TABLE events RENAME TO events_legacy;
            ALTER TABLE events_legacy DROP CONSTRAINT events_pkey;
            ALTER INDEX events_account RENAME TO events_legacy_account;
            ALTER INDEX events_type RENAME TO events_legacy_type;
            ALTER INDEX events_contact RENAME TO events_legacy_contact;
            CREATE TABLE events (LIKE events_legacy INCLUDING DEFAULTS, PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at);
            CREATE INDEX events_account ON events (account_id, id);
            CREATE INDEX events_type ON events (account_id, type, id);
            CREATE INDEX events_contact ON events (account_id, contact_id) WHERE contact_id IS NOT NULL;
            EXECUTE format('ALTER TABLE events ATTACH PARTITION events_legacy FOR VALUES FROM (MINVALUE) TO (%s)', bound);

            ALTER TABLE deliveries RENAME TO deliveries_legacy;
            ALTER TABLE deliveries_legacy DROP CONSTRAINT deliveries_pkey;
            ALTER INDEX deliveries_due RENAME TO deliveries_legacy_due;
            ALTER INDEX deliveries_webhook RENAME TO deliveries_legacy_webhook;
            ALTER INDEX deliveries_event RENAME TO deliveries_legacy_event;
            ALTER INDEX deliveries_ordered RENAME TO deliveries_legacy_ordered;
            ALTER INDEX deliveries_cancelled RENAME TO deliveries_legacy_cancelled;
            ALTER INDEX deliveries_pending RENAME TO deliveries_legacy_pending;
            ALTER TABLE deliveries_legacy ALTER COLUMN id DROP IDENTITY;
            CREATE SEQUENCE deliveries_id_seq;
            PERFORM setval('deliveries_id_seq', next_delivery, false);
            CREATE TABLE deliveries (LIKE deliveries_legacy INCLUDING DEFAULTS, PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at);
            ALTER TABLE deliveries ALTER COLUMN id SET DEFAULT nextval('deliveries_id_seq');
            ALTER SEQUENCE deliveries_id_seq OWNED BY deliveries.id;
            CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 0;
            CREATE INDEX deliveries_webhook ON deliveries (webhook_id, id);
            CREATE INDEX deliveries_event ON deliveries (event_id);
            CREATE INDEX deliveries_ordered ON deliveries (webhook_id, ordering_key, id) WHERE status = 0 AND ordering_key IS NOT NULL;
            CREATE INDEX deliveries_cancelled ON deliveries (updated_at) WHERE status = 3;
            CREATE INDEX deliveries_pending ON deliveries (webhook_id, created_at) WHERE status = 0;
            EXECUTE format('ALTER TABLE deliveries ATTACH PARTITION deliveries_legacy FOR VALUES FROM (MINVALUE) TO (%s)', bound);

            ALTER TABLE delivery_attempts RENAME TO delivery_attempts_legacy;
            ALTER TABLE delivery_attempts_legacy DROP CONSTRAINT delivery_attempts_pkey;
            ALTER INDEX delivery_attempts_delivery RENAME TO delivery_attempts_legacy_delivery;
            ALTER TABLE delivery_attempts_legacy ALTER COLUMN id DROP IDENTITY;
            CREATE SEQUENCE delivery_attempts_id_seq;
            PERFORM setval('delivery_attempts_id_seq', next_attempt, false);
            CREATE TABLE delivery_attempts (LIKE delivery_attempts_legacy INCLUDING DEFAULTS, PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at);
            ALTER TABLE delivery_attempts ALTER COLUMN id SET DEFAULT nextval('delivery_attempts_id_seq');
            ALTER SEQUENCE delivery_attempts_id_seq OWNED BY delivery_attempts.id;
            CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id, attempt);
            EXECUTE format('ALTER TABLE delivery_attempts ATTACH PARTITION delivery_attempts_legacy FOR VALUES FROM (MINVALUE) TO (%s)', bound);
        END
        $partition$;
        """;
}
