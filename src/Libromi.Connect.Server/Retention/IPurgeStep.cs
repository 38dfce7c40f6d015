namespace Libromi.Connect.Server.Retention;

/// <summary>
/// One part of the background purge (partition maintenance, expired events, idempotency keys, listen sessions, vacuum).
/// The purge runs every registered step in registration order at each <see cref="RetentionOptions.PurgeInterval"/>;
/// a step that throws is logged and retried at the next interval without stopping the others.
/// </summary>
public interface IPurgeStep
{
    /// <summary>What the step removes, as logs and metrics name it: <c>events</c>, <c>idempotency_keys</c>, ….</summary>
    string Name { get; }

    /// <summary>Removes what expired by <paramref name="now"/>, in small transactions; returns how many rows it removed.</summary>
    Task<long> RunAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
