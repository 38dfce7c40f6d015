namespace Libromi.Connect.Server.Retention;

/// <summary>
/// Where the row-by-row purge of expired events stops. Without partitions (SQLite) it is the retention cutoff itself.
/// With time partitions (PostgreSQL) it is the lower bound of the oldest partition not yet wholly past the cutoff: the
/// rows after it are dropped with their partition, never deleted one by one, and only the rows a partition was kept for
/// (a delivery still pending when it expired) are left to the row purge.
/// </summary>
public interface IRowPurgeHorizon
{
    /// <summary>Unix ms: expired events created before it are purged row by row; <paramref name="cutoffMs"/> is now minus the retention.</summary>
    Task<long> RowsBeforeAsync(long cutoffMs, CancellationToken cancellationToken);
}
