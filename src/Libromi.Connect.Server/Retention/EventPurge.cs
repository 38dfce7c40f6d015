using System.Globalization;
using Libromi.Connect.Server.Storage;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Retention;

/// <summary>
/// The step <c>events</c>: removes expired events with their deliveries and attempt logs, then cancelled deliveries
/// that ended before the cutoff. An event is expired when it was created before the cutoff (and before the
/// <see cref="IRowPurgeHorizon"/>), none of its deliveries is pending, and none ended at or after the cutoff.
/// </summary>
/// <remarks>
/// The walk goes through the old events by id (ULIDs, so in creation order) one window of
/// <see cref="RetentionOptions.BatchSize"/> events at a time, on a read connection: events that must be kept are
/// stepped over, never retried in every batch, and a window with nothing to remove costs the writer nothing. A window
/// with expired events is removed in one short write transaction, which checks every condition again.
/// </remarks>
public sealed class EventPurge(Database database, IRowPurgeHorizon horizon, IOptions<RetentionOptions> options) : IPurgeStep
{
    private const string ExpiredEvents = """
        SELECT e.id FROM events e
        WHERE e.id >= @first AND e.id <= @last AND e.created_at < @horizon
          AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id AND (d.status = 0 OR d.updated_at >= @cutoff))
        """;

    public string Name => "events";

    public async Task<long> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = (now - options.Value.Events).ToUnixTimeMilliseconds();
        var before = Math.Min(cutoff, await horizon.RowsBeforeAsync(cutoff, cancellationToken));
        var batch = options.Value.BatchSize;
        long removed = 0;
        var after = "";
        var bound = EventIdBefore(before);
        while (await NextWindowAsync(after, bound, before, cutoff, batch, cancellationToken) is { } window)
        {
            if (window.FirstExpired is { } first)
            {
                removed += await RemoveAsync(first, window.LastExpired!, before, cutoff, cancellationToken);
            }
            if (!window.Full)
            {
                break;
            }
            after = window.Last;
        }
        return removed + await RemoveCancelledAsync(cutoff, batch, cancellationToken);
    }

    /// <summary>Every id of an event created before <paramref name="ms"/> sorts before this text: the prefix and the ULID's time digits.</summary>
    public static string EventIdBefore(long ms)
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<char> time = stackalloc char[10];
        var value = (ulong)Math.Max(0, ms);
        for (var i = 9; i >= 0; i--)
        {
            time[i] = alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return "evt_" + new string(time);
    }

    private sealed record Window(string Last, bool Full, string? FirstExpired, string? LastExpired);

    private async Task<Window?> NextWindowAsync(string after, string bound, long before, long cutoff, int batch, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        await using var select = session.Command("""
            SELECT e.id, CASE WHEN e.created_at < @horizon AND NOT EXISTS (
                    SELECT 1 FROM deliveries d WHERE d.event_id = e.id AND (d.status = 0 OR d.updated_at >= @cutoff)) THEN 1 ELSE 0 END
            FROM events e
            WHERE e.id > @after AND e.id < @bound
            ORDER BY e.id
            LIMIT @batch
            """).With("@after", after).With("@bound", bound).With("@horizon", before).With("@cutoff", cutoff).With("@batch", batch);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        string? last = null, firstExpired = null, lastExpired = null;
        var rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            rows++;
            last = reader.GetString(0);
            if (Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture) == 1)
            {
                firstExpired ??= last;
                lastExpired = last;
            }
        }
        return last is null ? null : new Window(last, rows == batch, firstExpired, lastExpired);
    }

    private async Task<long> RemoveAsync(string first, string last, long before, long cutoff, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        await LockAsync(scope, cancellationToken);
        if (database.Sql.ForUpdate.Length > 0)
        {
            // Another node's redelivery must not turn a delivery back to pending between the checks and the deletes:
            // the finished deliveries of the window stay as they are until this transaction ends.
            await using var hold = scope.Command($"SELECT id FROM deliveries WHERE event_id >= @first AND event_id <= @last AND status <> 0{database.Sql.ForUpdate}")
                .With("@first", first).With("@last", last);
            await hold.ExecuteNonQueryAsync(cancellationToken);
        }
        long removed = 0;
        foreach (var sql in (string[])[
            $"""
            DELETE FROM delivery_attempts WHERE delivery_id IN (
                SELECT x.id FROM deliveries x WHERE x.event_id >= @first AND x.event_id <= @last AND x.event_id IN ({ExpiredEvents}))
            """,
            $"DELETE FROM deliveries WHERE event_id >= @first AND event_id <= @last AND event_id IN ({ExpiredEvents})",
            $"DELETE FROM events WHERE id IN ({ExpiredEvents})",
        ])
        {
            await using var delete = scope.Command(sql).With("@first", first).With("@last", last).With("@horizon", before).With("@cutoff", cutoff);
            removed += await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await scope.CommitAsync(cancellationToken);
        return removed;
    }

    /// <summary>Cancelled deliveries (of erased contacts) are final: they go with their attempts once they ended before the cutoff.</summary>
    private async Task<long> RemoveCancelledAsync(long cutoff, int batch, CancellationToken cancellationToken)
    {
        long removed = 0;
        while (true)
        {
            await using var scope = await database.BeginWriteAsync(cancellationToken);
            await LockAsync(scope, cancellationToken);
            long? upTo;
            await using (var edge = scope.Command("""
                SELECT MAX(updated_at) FROM (SELECT updated_at FROM deliveries WHERE status = 3 AND updated_at < @cutoff ORDER BY updated_at LIMIT @batch) b
                """).With("@cutoff", cutoff).With("@batch", batch))
            {
                upTo = await edge.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : null;
            }
            if (upTo is null)
            {
                return removed;
            }
            await using (var attempts = scope.Command("""
                DELETE FROM delivery_attempts WHERE delivery_id IN (SELECT id FROM deliveries WHERE status = 3 AND updated_at <= @upto)
                """).With("@upto", upTo.Value))
            {
                removed += await attempts.ExecuteNonQueryAsync(cancellationToken);
            }
            int deliveries;
            await using (var delete = scope.Command("DELETE FROM deliveries WHERE status = 3 AND updated_at <= @upto").With("@upto", upTo.Value))
            {
                deliveries = await delete.ExecuteNonQueryAsync(cancellationToken);
            }
            await scope.CommitAsync(cancellationToken);
            removed += deliveries;
            if (deliveries < batch)
            {
                return removed;
            }
        }
    }

    private async Task LockAsync(WriteScope scope, CancellationToken cancellationToken)
    {
        if (database.Sql.LockKey is { } lockKey)
        {
            // Nodes purging at once would delete the same rows in different orders; one batch at a time cannot deadlock.
            await using var purgeLock = scope.Command(lockKey).With("@lock", "retention events");
            await purgeLock.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
