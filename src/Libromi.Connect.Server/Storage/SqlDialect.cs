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

    /// <summary>
    /// An expression, in a statement on <c>events</c>, for the contact id its stored <c>payload</c> names
    /// (<c>data.contact.id</c>), or null when it names none.
    /// </summary>
    public abstract string PayloadContactId { get; }

    /// <summary>The whole definition after a column's name of a 64-bit primary key the database assigns on insert.</summary>
    public abstract string IdentityKey { get; }

    /// <summary>
    /// Leases up to <c>@limit</c> due pending deliveries: sets <c>next_attempt_at</c> to the lease's end (so an expired lease
    /// is simply due again), bumps <c>lease_token</c> (the fence) and returns
    /// <c>id, lease_token, event_id, webhook_id, attempt_count, max_attempts, rate_limit</c> (the webhook's). Deliveries of
    /// the webhooks in the list parameter <c>@excluded</c> (see <see cref="WebhookList"/>) are left alone, and so are those
    /// of endpoints paused until after <c>@now</c> or whose rate budget has no slot before <c>@horizon</c> (microseconds;
    /// see <see cref="Delivery.Engine.RateBudget"/>). Those of the webhooks in the JSON array
    /// <c>@held</c> (<c>[{"w": webhook id, "u": unix ms}]</c>, see <see cref="HeldUntil"/>) are taken and moved to their
    /// <c>u</c> instead, so no later lease walks past them; they come back with the others and the caller tells them
    /// apart by webhook. One text whatever the lists hold, so the statement is prepared once.
    /// </summary>
    public string LeaseDeliveries => field ??= Lease("AND NOT " + WebhookIn("@excluded"));

    /// <summary>As <see cref="LeaseDeliveries"/>, from the one webhook in <c>@only</c>.</summary>
    public string LeaseDeliveriesOf => field ??= Lease("AND webhook_id = @only");

    /// <summary>Appended to a SELECT of one row, locks it until the transaction ends; empty where writers are serialised anyway.</summary>
    public virtual string ForUpdate => "";

    /// <summary>
    /// True when the endpoint of the delivery row <paramref name="alias"/> takes deliveries now: not paused
    /// (<c>Retry-After</c>, from any node), with a send slot in reach under its rate limit, and of an enabled account
    /// (<c>account_disabled</c>: a column of the webhook row this already reads by its primary key, so pausing a disabled
    /// account's deliveries costs the lease no other lookup).
    /// </summary>
    protected static string EndpointReady(string alias) =>
        $"NOT EXISTS (SELECT 1 FROM webhooks w WHERE w.id = {alias}.webhook_id AND (w.paused_until > @now OR w.rate_slot_at > @horizon OR w.account_disabled = 1))";

    /// <summary>The rate limit of the webhook of the delivery row <paramref name="alias"/>, as a column.</summary>
    protected static string RateLimitOf(string alias) => $"(SELECT w.rate_limit FROM webhooks w WHERE w.id = {alias}.webhook_id)";

    /// <summary>The value of a list parameter of webhook ids, as <see cref="WebhookIn"/> reads it.</summary>
    public abstract object WebhookList(IReadOnlyList<string> webhookIds);

    /// <summary>
    /// The lease statement with <paramref name="webhookFilter"/> on the due deliveries it picks; each picked row's new
    /// <c>next_attempt_at</c> is <see cref="HeldUntil"/> of it, or <c>@lease_until</c> when that is null.
    /// </summary>
    protected abstract string Lease(string webhookFilter);

    /// <summary>
    /// An expression, inside the lease's <c>UPDATE</c>, for the <c>u</c> of the row's webhook in the JSON array
    /// parameter <c>@held</c>; null when the webhook is not held.
    /// </summary>
    protected abstract string HeldUntil { get; }

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

    /// <summary>
    /// Migration 8: the statement that puts <c>events</c>, <c>deliveries</c> and <c>delivery_attempts</c> into time
    /// partitions by <c>created_at</c> where the provider has them (PostgreSQL); a statement that changes nothing elsewhere.
    /// </summary>
    public abstract string PartitionByTime { get; }

    /// <summary>Run inside a write transaction, wakes the delivery workers of every node once it commits; null with one node.</summary>
    public virtual string? WakeWorkers => null;
}
