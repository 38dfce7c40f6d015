using System.Globalization;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Webhooks;

/// <summary>
/// The statements on <c>webhooks</c> for listen sessions: webhook rows with a <c>session_expires_at</c>,
/// hidden from the webhooks API and delivered by the listen transport.
/// </summary>
public static partial class WebhookStore
{
    /// <summary>What a listen session's <c>url</c> column holds: nothing is sent there (its transport kind is listen).</summary>
    public const string ListenSessionUrl = "libromi-listen://session";

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

    /// <summary>The account's listen sessions not yet expired, newest first: id, events, expiry and start.</summary>
    public static async Task<IReadOnlyList<Listen.ListenSessionView>> ListSessionsAsync(StoreSession session, string accountId, long nowMs, CancellationToken cancellationToken)
    {
        await using var select = session.Command("""
            SELECT id, events, session_expires_at, created_at FROM webhooks
            WHERE account_id = @a AND session_expires_at IS NOT NULL AND session_expires_at > @now ORDER BY id DESC LIMIT 100
            """).With("@a", accountId).With("@now", nowMs);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var sessions = new List<Listen.ListenSessionView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sessions.Add(new Listen.ListenSessionView(reader.GetString(0), System.Text.Json.JsonSerializer.Deserialize<string[]>(reader.GetString(1)) ?? [],
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        }
        return sessions;
    }
}
