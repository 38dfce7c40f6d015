using System.Globalization;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Stats;

/// <summary>Reads the rollups (<see cref="StatsRollup"/>) and the pending deliveries of one webhook, or of all an account's webhooks.</summary>
public static class StatsStore
{
    private static readonly string Sums = "SUM(attempts_ok), SUM(attempts_failed), SUM(delivered), SUM(failed), "
        + string.Join(", ", Enumerable.Range(0, DurationBuckets.Count).Select(i => $"SUM({DurationBuckets.Column(i)})"));

    /// <summary>The account's webhooks (all of them when <paramref name="webhookId"/> is null), as a condition on <c>webhook_id</c>.</summary>
    private static string Webhooks(string? webhookId) => webhookId is null
        ? "webhook_id IN (SELECT w.id FROM webhooks w WHERE w.account_id = @a)"
        : "webhook_id = @w AND EXISTS (SELECT 1 FROM webhooks w WHERE w.account_id = @a AND w.id = @w)";

    public static async Task<bool> WebhookExistsAsync(StoreSession session, string accountId, string webhookId, CancellationToken cancellationToken)
    {
        await using var select = session.Command("SELECT 1 FROM webhooks WHERE account_id = @a AND id = @w").With("@a", accountId).With("@w", webhookId);
        return await select.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public static async Task<StatsWindow> WindowAsync(StoreSession session, string accountId, string? webhookId, long fromBucket, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"SELECT {Sums} FROM webhook_stats WHERE {Webhooks(webhookId)} AND bucket >= @from")
            .With("@a", accountId).With("@w", webhookId).With("@from", fromBucket);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        long At(int i) => reader.IsDBNull(i) ? 0 : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
        var durations = Enumerable.Range(0, DurationBuckets.Count).Select(i => At(4 + i)).ToArray();
        var (delivered, failed) = (At(2), At(3));
        return new StatsWindow(DateTimeOffset.FromUnixTimeMilliseconds(fromBucket), new OutcomeCounts(delivered, failed), new OutcomeCounts(At(0), At(1)),
            delivered + failed == 0 ? null : Math.Round((double)delivered / (delivered + failed), 4),
            new DurationPercentiles(DurationBuckets.Percentile(durations, 0.5), DurationBuckets.Percentile(durations, 0.99)));
    }

    /// <summary>Pending deliveries, found by the partial index <c>deliveries_pending</c> (only pending rows are in it).</summary>
    public static async Task<BacklogView> BacklogAsync(StoreSession session, string accountId, string? webhookId, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"SELECT COUNT(*), MIN(created_at) FROM deliveries WHERE status = @pending AND {Webhooks(webhookId)}")
            .With("@a", accountId).With("@w", webhookId).With("@pending", (int)DeliveryStatus.Pending);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new BacklogView(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
            reader.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)));
    }

    /// <summary>Removes rollup rows older than <paramref name="beforeBucket"/>, at most <paramref name="limit"/>; returns how many.</summary>
    public static async Task<int> PurgeAsync(StoreSession session, long beforeBucket, int limit, CancellationToken cancellationToken)
    {
        await using var delete = session.Command("""
            DELETE FROM webhook_stats WHERE (webhook_id, bucket) IN (SELECT s.webhook_id, s.bucket FROM webhook_stats s WHERE s.bucket < @before LIMIT @limit)
            """).With("@before", beforeBucket).With("@limit", limit);
        return await delete.ExecuteNonQueryAsync(cancellationToken);
    }
}
