using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Libromi.Connect.Server.Retention;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Storage.Postgres.Partitions;

/// <summary>
/// The step <c>partitions</c>, PostgreSQL's own and the first of each pass: creates the partitions of the coming
/// intervals (<see cref="TimePartitions.Ahead"/>), and drops whole the time ranges that expired (their end at or before
/// the retention cutoff) in which no delivery is pending and none ended at or after the cutoff: the events, deliveries
/// and attempts of the range go at once, with no DELETE and nothing left to vacuum. A range that holds such a delivery
/// is kept; the row purge (<see cref="EventPurge"/>) removes its rows as they expire, and once it is empty a later pass
/// drops it. Returns the rows the dropped partitions held.
/// </summary>
/// <remarks>
/// One node at a time: the pass holds a session advisory lock on a connection of its own, and a node that finds it
/// taken skips the pass. Each range is dropped in a short transaction of its own with a <c>lock_timeout</c>: the
/// conditions are checked once without locks (a kept range costs no lock at all), then again once its partitions are
/// locked, since a delivery could have been retried in between. The lock covers the three tables (a drop locks its
/// parent) for that check of the range's deliveries and the drop. When the locks cannot be had in time (long queries on
/// the tables) the range waits for the next pass, and queries queued behind the drop waited at most that long.
/// </remarks>
public sealed partial class PartitionMaintenance(Database database, IOptions<RetentionOptions> options, ILogger<PartitionMaintenance> logger) : IPurgeStep
{
    /// <summary>The advisory lock (by name) that one node's pass holds.</summary>
    public const string LockName = "retention partitions";

    /// <summary>How long a drop waits for its locks before it leaves the range to the next pass.</summary>
    public const string LockTimeout = "2s";

    public string Name => "partitions";

    public async Task<long> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = (now - options.Value.Events).ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var session = new StoreSession(connection, null, ownsConnection: false);
        await using (var tryLock = session.Command("SELECT pg_try_advisory_lock(hashtextextended(@lock, 0))").With("@lock", LockName))
        {
            if (await tryLock.ExecuteScalarAsync(cancellationToken) is not true)
            {
                LogSkipped(logger);
                return 0;
            }
        }
        try
        {
            await CreateAheadAsync(connection, now, cancellationToken);
            long removed = 0;
            foreach (var range in await ExpiredAsync(session, cutoff, cancellationToken))
            {
                // When the tables are busy for one range they are for the next: the next pass tries again.
                if (await DropAsync(connection, range, cutoff, cancellationToken) is not { } rows)
                {
                    break;
                }
                removed += rows;
            }
            return removed;
        }
        finally
        {
            await using var unlock = session.Command("SELECT pg_advisory_unlock(hashtextextended(@lock, 0))").With("@lock", LockName);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task CreateAheadAsync(DbConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var session = new StoreSession(connection, transaction, ownsConnection: false);
        await SetLockTimeoutAsync(session, cancellationToken);
        int created;
        try
        {
            created = await TimePartitions.CreateAheadAsync(session, now, options.Value.PartitionInterval, cancellationToken);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.LockNotAvailable)
        {
            // Creating a partition locks its parent as well; the partitions ahead leave intervals to spare for the next pass.
            LogBusy(logger, string.Join(", ", TimePartitions.Tables));
            return;
        }
        await transaction.CommitAsync(cancellationToken);
        if (created > 0)
        {
            LogCreated(logger, created);
        }
    }

    /// <summary>The expired ranges, each with the partitions of every table it has, oldest first.</summary>
    private static async Task<List<List<PartitionRange>>> ExpiredAsync(StoreSession session, long cutoff, CancellationToken cancellationToken)
    {
        var byBounds = new SortedDictionary<(long, long), List<PartitionRange>>();
        foreach (var table in TimePartitions.Tables)
        {
            foreach (var range in await TimePartitions.ListAsync(session, table, cancellationToken))
            {
                if (range.Upper <= cutoff)
                {
                    if (!byBounds.TryGetValue((range.Lower, range.Upper), out var partitions))
                    {
                        byBounds[(range.Lower, range.Upper)] = partitions = [];
                    }
                    partitions.Add(range);
                }
            }
        }
        return [.. byBounds.Values];
    }

    /// <summary>Drops the range when it is over and returns the rows it held; 0 when it is kept, null when its locks could not be had in time.</summary>
    private async Task<long?> DropAsync(DbConnection connection, List<PartitionRange> partitions, long cutoff, CancellationToken cancellationToken)
    {
        var deliveries = partitions.FirstOrDefault(p => p.Name.StartsWith("deliveries_", StringComparison.Ordinal));
        var reader = new StoreSession(connection, null, ownsConnection: false);
        if (!await EndedAsync(reader, deliveries, cutoff, cancellationToken))
        {
            return 0;
        }
        // Exact: nothing is written into an expired range but a retried delivery's attempts, and a retry keeps the range.
        long rows = 0;
        foreach (var partition in partitions)
        {
            await using var count = reader.Command($"SELECT COUNT(*) FROM {partition.Name}");
            rows += Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        var names = string.Join(", ", partitions.Select(p => p.Name));
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var session = new StoreSession(connection, transaction, ownsConnection: false);
        await SetLockTimeoutAsync(session, cancellationToken);
        try
        {
            // The parents first, as every query on the tables takes them: a drop locks its parent too, and taking a
            // partition before its parent could deadlock with a query that holds the parent and waits for the partition.
            await using (var hold = session.Command($"LOCK TABLE {string.Join(", ", TimePartitions.Tables.Select(t => "ONLY " + t))}, {names} IN ACCESS EXCLUSIVE MODE"))
            {
                await hold.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.LockNotAvailable)
        {
            LogBusy(logger, names);
            return null;
        }
        var held = Stopwatch.StartNew();
        if (!await EndedAsync(session, deliveries, cutoff, cancellationToken))
        {
            return 0;
        }
        await using (var drop = session.Command($"DROP TABLE {names}"))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        LogDropped(logger, names, rows, held.Elapsed.TotalMilliseconds);
        return rows;
    }

    /// <summary>True when no delivery of the range is pending and none ended at or after the cutoff.</summary>
    private static async Task<bool> EndedAsync(StoreSession session, PartitionRange? deliveries, long cutoff, CancellationToken cancellationToken)
    {
        if (deliveries is null)
        {
            return true;
        }
        await using var select = session.Command($"SELECT NOT EXISTS (SELECT 1 FROM {deliveries.Name} WHERE status = 0 OR updated_at >= @cutoff)")
            .With("@cutoff", cutoff);
        return await select.ExecuteScalarAsync(cancellationToken) is true;
    }

    private static async Task SetLockTimeoutAsync(StoreSession session, CancellationToken cancellationToken)
    {
        await using var timeout = session.Command($"SET LOCAL lock_timeout = '{LockTimeout}'");
        await timeout.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Partition maintenance skipped: another node is doing it")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partition maintenance created {Count} partitions ahead")]
    private static partial void LogCreated(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partition maintenance dropped {Partitions} ({Rows} rows), the tables locked for {Milliseconds:F0} ms")]
    private static partial void LogDropped(ILogger logger, string partitions, long rows, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition maintenance could not lock {Partitions} within " + LockTimeout + "; the next pass tries again")]
    private static partial void LogBusy(ILogger logger, string partitions);
}
