using System.Globalization;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Webhooks;

/// <summary>
/// The statements on <c>webhooks</c> for fan-out and for listen sessions: webhook rows with a <c>session_expires_at</c>,
/// hidden from the webhooks API and delivered by the listen transport.
/// </summary>
public static partial class WebhookStore
{
    /// <summary>What a listen session's <c>url</c> column holds: nothing is sent there (its transport kind is listen).</summary>
    public const string ListenSessionUrl = "libromi-listen://session";

    /// <summary>The webhooks an event of the type with <paramref name="bit"/> goes to, or only <paramref name="onlyWebhookId"/>.</summary>
    public static async Task<List<string>> SubscribersAsync(StoreSession session, string accountId, long bit, string? onlyWebhookId, long nowMs, CancellationToken cancellationToken)
    {
        await using var select = onlyWebhookId is null
            ? session.Command("""
                SELECT id FROM webhooks
                WHERE account_id = @a AND enabled = 1 AND (event_mask & @bit) <> 0
                  AND (session_expires_at IS NULL OR session_expires_at > @now)
                """).With("@a", accountId).With("@bit", bit).With("@now", nowMs)
            : session.Command("SELECT id FROM webhooks WHERE account_id = @a AND id = @id").With("@a", accountId).With("@id", onlyWebhookId);
        var result = new List<string>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetString(0));
        }
        return result;
    }

    public static async Task<bool> SessionExistsAsync(StoreSession session, string accountId, string id, CancellationToken cancellationToken)
    {
        await using var select = session.Command("SELECT COUNT(*) FROM webhooks WHERE account_id = @a AND id = @id AND session_expires_at IS NOT NULL")
            .With("@a", accountId).With("@id", id);
        return Convert.ToInt64(await select.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    public static async Task ExtendSessionAsync(StoreSession session, string id, long expiresAtMs, CancellationToken cancellationToken)
    {
        await using var update = session.Command("UPDATE webhooks SET session_expires_at = @exp WHERE id = @id").With("@id", id).With("@exp", expiresAtMs);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }
}
