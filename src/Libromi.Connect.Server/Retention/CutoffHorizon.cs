namespace Libromi.Connect.Server.Retention;

/// <summary>Without time partitions every expired event is purged row by row: the horizon is the cutoff itself.</summary>
public sealed class CutoffHorizon : IRowPurgeHorizon
{
    public Task<long> RowsBeforeAsync(long cutoffMs, CancellationToken cancellationToken) => Task.FromResult(cutoffMs);
}
