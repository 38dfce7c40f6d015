using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Api;

/// <summary>
/// Deletes expired <c>Idempotency-Key</c> rows every <see cref="Interval"/>, with the responses they stored (which may
/// hold the secret of a webhook deleted since). Expired keys already stopped replaying; this only frees the space.
/// </summary>
public sealed partial class IdempotencyKeyPurge(Database database, Idempotency idempotency, TimeProvider time, ILogger<IdempotencyKeyPurge> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    // Small batches keep each write transaction short, so API writes (SQLite has one writer) never wait long behind a purge.
    private const int BatchSize = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var purged = await PurgeAsync(stoppingToken);
                if (purged > 0)
                {
                    LogPurged(logger, purged);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // An unreachable store is retried at the next tick; expired keys do not replay meanwhile.
                LogFailed(logger, e);
            }
        }
    }

    private async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            await using var scope = await database.BeginWriteAsync(cancellationToken);
            if (database.Sql.LockKey is { } lockKey)
            {
                // API nodes purging at once would lock the same rows in different orders; one at a time cannot deadlock.
                await using var purgeLock = scope.Command(lockKey).With("@lock", "idempotency_keys purge");
                await purgeLock.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var delete = scope.Command("""
                DELETE FROM idempotency_keys WHERE (account_id, key) IN
                    (SELECT account_id, key FROM idempotency_keys WHERE created_at <= @expired LIMIT @batch)
                """).With("@expired", idempotency.ExpiredBefore()).With("@batch", BatchSize);
            deleted = await delete.ExecuteNonQueryAsync(cancellationToken);
            await scope.CommitAsync(cancellationToken);
            total += deleted;
        }
        while (deleted == BatchSize);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} expired idempotency keys")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired idempotency keys failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
