namespace Libromi.Connect.Server.Storage;

/// <summary>The few statements and column types whose SQL differs between providers.</summary>
public abstract class SqlDialect
{
    /// <summary>
    /// Text that is compared and ordered byte by byte whatever the database's locale: ids (cursor pagination walks them),
    /// account ids, and the keys of unique indexes.
    /// </summary>
    public abstract string KeyText { get; }

    /// <summary>A 64-bit integer: unix-millisecond times, masks, lease tokens, references to an <see cref="IdentityKey"/>.</summary>
    public abstract string BigInt { get; }

    /// <summary>Bytes stored as written.</summary>
    public abstract string Blob { get; }

    /// <summary>The whole definition after a column's name of a 64-bit primary key the database assigns on insert.</summary>
    public abstract string IdentityKey { get; }

    /// <summary>
    /// Leases up to <c>@limit</c> due pending deliveries: sets <c>next_attempt_at</c> to the lease's end (so an expired lease
    /// is simply due again), bumps <c>lease_token</c> (the fence) and returns
    /// <c>id, lease_token, event_id, webhook_id, attempt_count, max_attempts</c>. Deliveries of the webhooks in the list
    /// parameter <c>@excluded</c> (see <see cref="WebhookList"/>) are left alone. One text whatever the list holds, so
    /// the statement is prepared once.
    /// </summary>
    public string LeaseDeliveries => field ??= Lease("AND NOT " + WebhookIn("@excluded"));

    /// <summary>As <see cref="LeaseDeliveries"/>, from the one webhook in <c>@only</c>.</summary>
    public string LeaseDeliveriesOf => field ??= Lease("AND webhook_id = @only");

    /// <summary>The value of a list parameter of webhook ids, as <see cref="WebhookIn"/> reads it.</summary>
    public abstract object WebhookList(IReadOnlyList<string> webhookIds);

    /// <summary>The lease statement with <paramref name="webhookFilter"/> on the due deliveries it picks.</summary>
    protected abstract string Lease(string webhookFilter);

    /// <summary>A condition that is true when <c>webhook_id</c> is in the list parameter <paramref name="parameter"/>.</summary>
    protected abstract string WebhookIn(string parameter);

    /// <summary>The rest of a condition after an id column: true when the id is in the JSON array text parameter <paramref name="parameter"/>.</summary>
    protected abstract string IdIn(string parameter);

    /// <summary>
    /// True for the delivery <paramref name="alias"/> unless an earlier delivery of its webhook and ordering key is still
    /// pending: one seek on the partial index <c>deliveries_ordered</c>, whose condition the literal status matches.
    /// </summary>
    protected static string HeadOfItsContact(string alias) => $"""
        ({alias}.ordering_key IS NULL OR NOT EXISTS (
                SELECT 1 FROM deliveries AS p
                WHERE p.webhook_id = {alias}.webhook_id AND p.ordering_key = {alias}.ordering_key AND p.status = 0 AND p.id < {alias}.id))
        """;

    /// <summary>
    /// Moves the pending successors of the ordered deliveries whose ids are in the JSON array text <c>@heads</c> (just
    /// scheduled for a retry) to no earlier than their head's next attempt, so leasing does not step over them while
    /// they wait. Only a shortcut: the lease's head condition is what holds them back.
    /// </summary>
    public string HoldSuccessors => field ??= $"""
        UPDATE deliveries SET next_attempt_at = h.next_attempt_at
        FROM deliveries AS h
        WHERE h.id {IdIn("@heads")} AND h.ordering_key IS NOT NULL
          AND deliveries.webhook_id = h.webhook_id AND deliveries.ordering_key = h.ordering_key AND deliveries.status = 0
          AND deliveries.id > h.id AND deliveries.next_attempt_at < h.next_attempt_at
        """;

    /// <summary>
    /// Stores a batch of outcomes in one statement: the JSON array parameter <c>@batch</c> holds one object per outcome
    /// (<c>id, token, hand_back, status, n, next, code, error</c>), and <c>@now</c> the time. Each row is fenced by its
    /// lease token and must still be pending; a hand-back moves only <c>next_attempt_at</c>. Returns the ids it changed.
    /// </summary>
    public abstract string RecordOutcomes { get; }

    /// <summary>
    /// Logs a batch of attempts in one statement from the JSON array parameter <c>@attempts</c>
    /// (<c>id, n, started, duration, code, kind, error, headers, body</c>).
    /// </summary>
    public abstract string LogAttempts { get; }

    /// <summary>
    /// Blocks until no other write transaction holds the lock named by the text parameter <c>@lock</c>, and holds it until
    /// this one ends. Null where write transactions are serialised anyway.
    /// </summary>
    public virtual string? LockKey => null;

    /// <summary>Run inside a write transaction, wakes the delivery workers of every node once it commits; null with one node.</summary>
    public virtual string? WakeWorkers => null;
}
