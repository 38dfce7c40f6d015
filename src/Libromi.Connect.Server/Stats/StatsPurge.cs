using Libromi.Connect.Server.Retention;
using Libromi.Connect.Server.Storage;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Stats;

/// <summary>The purge step <c>webhook_stats</c>: rollup rows older than the longest window (a day) and a margin, in batches.</summary>
public sealed class StatsPurge(Database database, IOptions<RetentionOptions> options) : IPurgeStep
{
    /// <summary>Two days: the last day's window, whole, at any time of day.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(2);

    public string Name => "webhook_stats";

    public async Task<long> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = StatsRollup.BucketOf((now - Kept).ToUnixTimeMilliseconds());
        long removed = 0;
        int batch;
        do
        {
            await using var scope = await database.BeginWriteAsync(cancellationToken);
            batch = await StatsStore.PurgeAsync(scope, before, options.Value.BatchSize, cancellationToken);
            await scope.CommitAsync(cancellationToken);
            removed += batch;
        }
        while (batch == options.Value.BatchSize);
        return removed;
    }
}
