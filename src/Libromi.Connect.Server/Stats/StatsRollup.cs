using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Stats;

/// <summary>
/// Keeps the rollups the stats are answered from, so that no answer reads the attempt log: one <c>webhook_stats</c> row
/// per webhook and <see cref="BucketMs"/> of time, with attempts and ended deliveries by outcome and a histogram of
/// attempt durations (<see cref="DurationBuckets"/>). Written in the outcome batch's transaction: a rollup counts
/// exactly the attempts the log holds.
/// </summary>
public static class StatsRollup
{
    /// <summary>Five minutes: a day is 288 rows per webhook at most.</summary>
    public const long BucketMs = 5 * 60 * 1000;

    private static readonly string Upsert = BuildUpsert();

    public static long BucketOf(long ms) => ms - ((ms % BucketMs) + BucketMs) % BucketMs;

    public static async Task AddAsync(StoreSession session, IReadOnlyList<DecidedOutcome> stored, long nowMs, CancellationToken cancellationToken)
    {
        Dictionary<string, long[]>? rows = null;
        foreach (var (lease, step) in stored)
        {
            if (step.Attempt is not { } attempt)
            {
                continue;
            }
            rows ??= new Dictionary<string, long[]>(StringComparer.Ordinal);
            if (!rows.TryGetValue(lease.WebhookId, out var row))
            {
                rows[lease.WebhookId] = row = new long[4 + DurationBuckets.Count];
            }
            row[attempt.ErrorKind is null ? 0 : 1]++;
            if (step.Status == DeliveryStatus.Succeeded)
            {
                row[2]++;
            }
            else if (step.Status == DeliveryStatus.Failed)
            {
                row[3]++;
            }
            row[4 + DurationBuckets.Of(attempt.DurationMs)]++;
        }
        if (rows is null)
        {
            return;
        }
        var bucket = BucketOf(nowMs);
        foreach (var (webhookId, row) in rows)
        {
            await using var upsert = session.Command(Upsert).With("@w", webhookId).With("@b", bucket)
                .With("@ok", row[0]).With("@bad", row[1]).With("@delivered", row[2]).With("@failed", row[3]);
            for (var i = 0; i < DurationBuckets.Count; i++)
            {
                upsert.With("@" + DurationBuckets.Column(i), row[4 + i]);
            }
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string BuildUpsert()
    {
        string[] columns = ["attempts_ok", "attempts_failed", "delivered", "failed", .. Enumerable.Range(0, DurationBuckets.Count).Select(DurationBuckets.Column)];
        string[] values = ["@ok", "@bad", "@delivered", "@failed", .. Enumerable.Range(0, DurationBuckets.Count).Select(i => "@" + DurationBuckets.Column(i))];
        return $"""
            INSERT INTO webhook_stats (webhook_id, bucket, {string.Join(", ", columns)}) VALUES (@w, @b, {string.Join(", ", values)})
            ON CONFLICT (webhook_id, bucket) DO UPDATE SET {string.Join(", ", columns.Select(c => $"{c} = webhook_stats.{c} + excluded.{c}"))}
            """;
    }
}
