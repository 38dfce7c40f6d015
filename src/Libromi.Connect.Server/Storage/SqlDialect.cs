namespace Libromi.Connect.Server.Storage;

/// <summary>The few statements whose SQL differs between providers.</summary>
public abstract class SqlDialect
{
    /// <summary>
    /// Leases up to <c>@limit</c> due pending deliveries: sets <c>next_attempt_at</c> to the lease's end (so an expired lease
    /// is simply due again), bumps <c>lease_token</c> (the fence) and returns
    /// <c>id, lease_token, event_id, webhook_id, attempt_count, max_attempts</c>.
    /// <paramref name="excludedWebhooks"/> parameters are named <c>@x0</c>, <c>@x1</c>, …; with
    /// <paramref name="oneWebhook"/> only the webhook in <c>@only</c> is leased from.
    /// </summary>
    public abstract string LeaseDeliveries(int excludedWebhooks, bool oneWebhook = false);

    /// <summary>
    /// Blocks until no other write transaction holds the lock named by the text parameter <c>@lock</c>, and holds it until
    /// this one ends. Null where write transactions are serialised anyway.
    /// </summary>
    public virtual string? LockKey => null;

    /// <summary>Run inside a write transaction, wakes the delivery workers of every node once it commits; null with one node.</summary>
    public virtual string? WakeWorkers => null;

    protected static string WebhookFilter(int excluded, bool oneWebhook) =>
        (oneWebhook ? " AND webhook_id = @only" : "")
        + (excluded == 0 ? "" : " AND webhook_id NOT IN (" + string.Join(", ", Enumerable.Range(0, excluded).Select(i => "@x" + i)) + ")");
}
