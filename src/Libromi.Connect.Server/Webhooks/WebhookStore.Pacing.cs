using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Webhooks;

/// <summary>The statements on <c>webhooks</c> that pace an endpoint across nodes: its rate budget and its pause.</summary>
public static partial class WebhookStore
{
    /// <summary>
    /// Takes up to <paramref name="wanted"/> send slots from the webhook's rate budget (see <see cref="RateBudget"/>), with
    /// the row locked until the transaction ends; null when the webhook is gone or has no limit any more.
    /// </summary>
    public static async Task<RateBudget.Grant?> ReserveSlotsAsync(StoreSession session, SqlDialect sql, string webhookId, int wanted, DateTimeOffset now,
        TimeSpan margin, CancellationToken cancellationToken)
    {
        long? nextFree;
        int perSecond;
        await using (var select = session.Command("SELECT rate_slot_at, rate_limit FROM webhooks WHERE id = @id" + sql.ForUpdate).With("@id", webhookId))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(1))
            {
                return null;
            }
            nextFree = reader.IsDBNull(0) ? null : reader.GetInt64(0);
            perSecond = reader.GetInt32(1);
        }
        var grant = RateBudget.Reserve(nextFree, now, wanted, perSecond, margin);
        if (grant.Granted > 0)
        {
            await using var update = session.Command("UPDATE webhooks SET rate_slot_at = @next WHERE id = @id").With("@id", webhookId).With("@next", grant.NextFreeUs);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        return grant;
    }

    /// <summary>Pauses the webhook's endpoint until <paramref name="untilMs"/> for every node, unless a longer pause already runs.</summary>
    public static async Task PauseAsync(StoreSession session, string webhookId, long untilMs, CancellationToken cancellationToken)
    {
        await using var update = session.Command("UPDATE webhooks SET paused_until = @until WHERE id = @id AND (paused_until IS NULL OR paused_until < @until)")
            .With("@id", webhookId).With("@until", untilMs);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }
}
