namespace Libromi.Connect.Webhooks.AspNetCore;

/// <summary>
/// The default <see cref="IWebhookIdempotencyStore"/>: event ids in memory, bounded in number and age. Forgets
/// everything on restart, and is not shared between processes.
/// </summary>
/// <remarks>
/// <para>
/// A completed id is remembered for the retention after it was completed, and in any case until twice the tolerance
/// has passed since it was last completed or offered to <see cref="TryClaimAsync"/>. Each offer is a verified request,
/// whose <c>webhook-timestamp</c> lies within the tolerance of that moment, so a captured copy of it verifies again
/// for at most twice the tolerance: until then the id must stay known, or the replay would run the handler again.
/// </para>
/// <para>
/// When the store holds its capacity, a new id makes room by forgetting the completed id that was offered longest
/// ago, provided that was at least twice the tolerance ago. Otherwise the new id is refused with a
/// <see cref="WebhookIdempotencyStoreFullException"/> (the endpoint answers <c>503</c> with <c>Retry-After</c>)
/// rather than forget an id a replay could still use. Claims in progress are never forgotten. So the store accepts,
/// sustained, at most its capacity of new events per twice the tolerance: 100,000 per 10 minutes, about 160 a second,
/// with the defaults.
/// </para>
/// <para>
/// Requests signed only with <c>X-Libromi-Signature</c> carry no timestamp and verify forever; against replays of
/// those, the store protects only for the retention, and only while the id has not been forgotten to make room.
/// </para>
/// </remarks>
public sealed class MemoryWebhookIdempotencyStore : IWebhookIdempotencyStore
{
    private readonly int _capacity;
    private readonly TimeSpan _retention;
    private readonly TimeSpan _replayWindow;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // Completed ids only, least recently offered first; claims in progress are never candidates for forgetting.
    private readonly LinkedList<Entry> _completed = new();
    private readonly Lock _lock = new();

    /// <summary>Creates an empty store.</summary>
    /// <param name="capacity">
    /// How many event ids are remembered at most, claimed or completed; roughly 250 bytes each. Default 100,000. Keep it
    /// well above the receiver's queue capacity, and above the number of events it receives in twice the tolerance.
    /// </param>
    /// <param name="retention">How long a completed id is remembered, at least. Default 24 hours.</param>
    /// <param name="timeProvider">The clock ages are measured with. Default <see cref="TimeProvider.System"/>.</param>
    /// <param name="tolerance">
    /// The <c>Tolerance</c> of the verifier in front of the store: ids are kept for twice this long after they were
    /// last offered. Never less than the endpoint's <see cref="LibromiWebhookOptions.Tolerance"/>, which is checked
    /// when the endpoint is mapped. Default 5 minutes, the verifier's default.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The capacity is below 1, the retention is not positive, or the tolerance is negative.
    /// </exception>
    public MemoryWebhookIdempotencyStore(int capacity = 100_000, TimeSpan? retention = null, TimeProvider? timeProvider = null, TimeSpan? tolerance = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _retention = retention ?? TimeSpan.FromHours(24);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_retention, TimeSpan.Zero, nameof(retention));
        Tolerance = tolerance ?? TimeSpan.FromMinutes(5);
        ArgumentOutOfRangeException.ThrowIfLessThan(Tolerance, TimeSpan.Zero, nameof(tolerance));
        _capacity = capacity;
        _replayWindow = 2 * Tolerance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How many event ids are remembered now, claimed or completed.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    internal TimeSpan Tolerance { get; }

    /// <inheritdoc/>
    /// <exception cref="WebhookIdempotencyStoreFullException">
    /// The store holds its capacity and every id in it may still be replayed, or is still being processed.
    /// </exception>
    public ValueTask<bool> TryClaimAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_entries.TryGetValue(eventId, out var existing))
            {
                if (existing.Node is null)
                {
                    return ValueTask.FromResult(false);
                }

                if (now - existing.CompletedAt < _retention || now - existing.LastOfferedAt < _replayWindow)
                {
                    existing.LastOfferedAt = now;
                    _completed.Remove(existing.Node);
                    _completed.AddLast(existing.Node);
                    return ValueTask.FromResult(false);
                }

                Forget(existing);
            }

            if (!MakeRoom(now))
            {
                var retryAfter = _completed.First is { } oldest ? oldest.Value.LastOfferedAt + _replayWindow - now : TimeSpan.Zero;
                throw new WebhookIdempotencyStoreFullException(
                    $"The store holds {_capacity} event ids, each still being processed or offered less than twice the tolerance ({_replayWindow}) ago, when a replay could still verify.",
                    retryAfter);
            }

            _entries[eventId] = new Entry(eventId);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public ValueTask CompleteAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (!_entries.TryGetValue(eventId, out var entry))
            {
                // Completing an id that was never claimed still records it: forgetting a handled event, to stay
                // within capacity, would be worse than holding one id too many.
                MakeRoom(now);
                entry = _entries[eventId] = new Entry(eventId);
            }
            else if (entry.Node is not null)
            {
                _completed.Remove(entry.Node);
            }

            entry.CompletedAt = now;
            entry.LastOfferedAt = now;
            entry.Node = _completed.AddLast(entry);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask ReleaseAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        lock (_lock)
        {
            if (_entries.TryGetValue(eventId, out var existing) && existing.Node is null)
            {
                _entries.Remove(eventId);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <returns>False when the store is full and nothing in it may be forgotten yet.</returns>
    private bool MakeRoom(DateTimeOffset now)
    {
        while (_entries.Count >= _capacity)
        {
            if (_completed.First is not { } oldest || now - oldest.Value.LastOfferedAt < _replayWindow)
            {
                return false;
            }

            Forget(oldest.Value);
        }

        return true;
    }

    private void Forget(Entry entry)
    {
        _completed.Remove(entry.Node!);
        _entries.Remove(entry.EventId);
    }

    /// <summary>A remembered id; <see cref="Node"/> is null while its claim is in progress.</summary>
    private sealed class Entry(string eventId)
    {
        public string EventId { get; } = eventId;

        public DateTimeOffset CompletedAt { get; set; }

        public DateTimeOffset LastOfferedAt { get; set; }

        public LinkedListNode<Entry>? Node { get; set; }
    }
}
