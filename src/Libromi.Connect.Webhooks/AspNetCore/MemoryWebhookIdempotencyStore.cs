namespace Libromi.Connect.Webhooks.AspNetCore;

/// <summary>
/// The default <see cref="IWebhookIdempotencyStore"/>: the most recent event ids in memory, bounded in number and age.
/// Forgets everything on restart, and is not shared between processes.
/// </summary>
public sealed class MemoryWebhookIdempotencyStore : IWebhookIdempotencyStore
{
    private readonly int _capacity;
    private readonly TimeSpan _retention;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _byAge = new();
    private readonly Lock _lock = new();

    /// <summary>Creates an empty store.</summary>
    /// <param name="capacity">
    /// How many event ids are remembered; the oldest are forgotten first. Default 10,000. Keep it well above the
    /// receiver's queue capacity, so that no id is forgotten while its event is still queued.
    /// </param>
    /// <param name="retention">How long a completed id is remembered. Default 24 hours.</param>
    /// <param name="timeProvider">The clock retention is measured with. Default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The capacity is below 1 or the retention is not positive.</exception>
    public MemoryWebhookIdempotencyStore(int capacity = 10_000, TimeSpan? retention = null, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _retention = retention ?? TimeSpan.FromHours(24);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_retention, TimeSpan.Zero, nameof(retention));
        _capacity = capacity;
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

    /// <inheritdoc/>
    public ValueTask<bool> TryClaimAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_entries.TryGetValue(eventId, out var existing))
            {
                if (existing.Value.CompletedAt is not { } completedAt || now - completedAt < _retention)
                {
                    return ValueTask.FromResult(false);
                }

                Remove(existing);
            }

            while (_entries.Count >= _capacity)
            {
                Remove(_byAge.First!);
            }

            _entries[eventId] = _byAge.AddLast(new Entry(eventId, null));
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
            if (_entries.TryGetValue(eventId, out var existing))
            {
                Remove(existing);
            }

            while (_entries.Count >= _capacity)
            {
                Remove(_byAge.First!);
            }

            // Moving the id to the young end makes retention and eviction count from completion, not from arrival.
            _entries[eventId] = _byAge.AddLast(new Entry(eventId, now));
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask ReleaseAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        lock (_lock)
        {
            if (_entries.TryGetValue(eventId, out var existing) && existing.Value.CompletedAt is null)
            {
                Remove(existing);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _byAge.Remove(node);
        _entries.Remove(node.Value.EventId);
    }

    private sealed record Entry(string EventId, DateTimeOffset? CompletedAt);
}
