using Libromi.Connect.Server.Retention;

namespace Libromi.Connect.Server.Storage.Postgres.Partitions;

/// <summary>
/// Where the row purge stops on PostgreSQL: at the start of the oldest time range not yet wholly past the cutoff. The
/// expired rows of that range and the ones after it go with their partitions; the row purge takes only those of the
/// ranges <see cref="PartitionMaintenance"/> kept for a delivery that was still pending or ended lately.
/// </summary>
public sealed class PartitionHorizon(Database database) : IRowPurgeHorizon
{
    public async Task<long> RowsBeforeAsync(long cutoffMs, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        var ranges = await TimePartitions.ListAsync(session, "events", cancellationToken);
        return ranges.FirstOrDefault(r => r.Upper > cutoffMs) is { } live ? Math.Min(cutoffMs, live.Lower) : cutoffMs;
    }
}
