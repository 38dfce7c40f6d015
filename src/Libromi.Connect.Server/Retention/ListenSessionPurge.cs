using Libromi.Connect.Server.Storage;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Retention;

/// <summary>
/// The step <c>listen_sessions</c>: removes expired listen sessions (their temporary webhooks) with their deliveries
/// and attempt logs. A session is expired once its <c>session_expires_at</c> (a day after its listener was last
/// connected) has passed; until it is removed it can still be resumed. A session that still has a pending delivery is
/// kept until that delivery ends (its retries run out while nobody listens), and goes at the next pass after.
/// </summary>
public sealed class ListenSessionPurge(Database database, IOptions<RetentionOptions> options) : IPurgeStep
{
    private const string Removable = """
        w.session_expires_at IS NOT NULL AND w.session_expires_at < @now
          AND NOT EXISTS (SELECT 1 FROM deliveries p WHERE p.webhook_id = w.id AND p.status = 0)
        """;

    public string Name => "listen_sessions";

    public async Task<long> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var batch = options.Value.BatchSize;
        long removed = 0;
        while (true)
        {
            await using var scope = await database.BeginWriteAsync(cancellationToken);
            if (database.Sql.LockKey is { } lockKey)
            {
                await using var purgeLock = scope.Command(lockKey).With("@lock", "retention listen_sessions");
                await purgeLock.ExecuteNonQueryAsync(cancellationToken);
            }
            // At most a batch of deliveries per transaction, however many a session collected; the status is checked
            // again by each delete, so a delivery requeued by a resume meanwhile stays.
            var deliveries = $"""
                SELECT d.id FROM deliveries d
                WHERE d.status <> 0 AND d.webhook_id IN (SELECT w.id FROM webhooks w WHERE {Removable})
                ORDER BY d.id LIMIT @batch
                """;
            long? upTo;
            await using (var edge = scope.Command($"SELECT MAX(id) FROM ({deliveries}) b").With("@now", nowMs).With("@batch", batch))
            {
                upTo = await edge.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;
            }
            int deleted = 0;
            if (upTo is { } last)
            {
                var ofSessions = $"SELECT d.id FROM deliveries d WHERE d.id <= @last AND d.status <> 0 AND d.webhook_id IN (SELECT w.id FROM webhooks w WHERE {Removable})";
                await using (var attempts = scope.Command($"DELETE FROM delivery_attempts WHERE delivery_id IN ({ofSessions})").With("@now", nowMs).With("@last", last))
                {
                    removed += await attempts.ExecuteNonQueryAsync(cancellationToken);
                }
                await using var delete = scope.Command($"DELETE FROM deliveries WHERE id IN ({ofSessions})").With("@now", nowMs).With("@last", last);
                deleted = await delete.ExecuteNonQueryAsync(cancellationToken);
                removed += deleted;
            }
            if (deleted < batch)
            {
                await using var sessions = scope.Command($"""
                    DELETE FROM webhooks WHERE id IN (
                        SELECT w.id FROM webhooks w WHERE {Removable} AND NOT EXISTS (SELECT 1 FROM deliveries x WHERE x.webhook_id = w.id)
                        LIMIT @batch)
                    """).With("@now", nowMs).With("@batch", batch);
                removed += await sessions.ExecuteNonQueryAsync(cancellationToken);
            }
            await scope.CommitAsync(cancellationToken);
            if (deleted < batch)
            {
                return removed;
            }
        }
    }
}
