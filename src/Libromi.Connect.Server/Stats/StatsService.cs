using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Stats;

/// <summary>The stats of one webhook or of a whole account, over the last hour and the last day, from the rollups.</summary>
public sealed class StatsService(Database database, TimeProvider time)
{
    /// <summary>Null when the account has no such webhook.</summary>
    public async Task<StatsView?> ForWebhookAsync(string accountId, string webhookId, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await StatsStore.WebhookExistsAsync(session, accountId, webhookId, cancellationToken)
            ? await ReadAsync(session, accountId, webhookId, cancellationToken)
            : null;
    }

    public async Task<StatsView> ForAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await ReadAsync(session, accountId, null, cancellationToken);
    }

    private async Task<StatsView> ReadAsync(StoreSession session, string accountId, string? webhookId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var hour = await StatsStore.WindowAsync(session, accountId, webhookId, StatsRollup.BucketOf(nowMs - (long)TimeSpan.FromHours(1).TotalMilliseconds), cancellationToken);
        var day = await StatsStore.WindowAsync(session, accountId, webhookId, StatsRollup.BucketOf(nowMs - (long)TimeSpan.FromDays(1).TotalMilliseconds), cancellationToken);
        var backlog = await StatsStore.BacklogAsync(session, accountId, webhookId, cancellationToken);
        return new StatsView(webhookId, now, backlog, hour, day);
    }
}
