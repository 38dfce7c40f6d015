using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Storage;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Retention;

/// <summary>
/// The step <c>idempotency_keys</c>: deletes the <c>Idempotency-Key</c> rows older than
/// <see cref="ApiOptions.IdempotencyKeyLifetime"/>, with the responses they stored (which may hold the secret of a
/// webhook deleted since). Expired keys already stopped replaying; this only frees the space.
/// </summary>
public sealed class IdempotencyKeyPurge(Database database, IOptions<ApiOptions> api, IOptions<RetentionOptions> options) : IPurgeStep
{
    public string Name => "idempotency_keys";

    public async Task<long> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The same bound as Idempotency.ExpiredBefore: a key at it no longer replays.
        var expired = (now - api.Value.IdempotencyKeyLifetime).ToUnixTimeMilliseconds();
        var batch = options.Value.BatchSize;
        long total = 0;
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
                """).With("@expired", expired).With("@batch", batch);
            deleted = await delete.ExecuteNonQueryAsync(cancellationToken);
            await scope.CommitAsync(cancellationToken);
            total += deleted;
        }
        while (deleted == batch);
        return total;
    }
}
