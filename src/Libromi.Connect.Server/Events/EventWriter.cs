using System.Text;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Webhooks.Events;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Events;

/// <summary>
/// The outbox: writes an event and its fan-out (one delivery per enabled webhook subscribed to the type) inside the
/// caller's transaction, so a state change and its events commit or vanish together.
/// </summary>
public sealed class EventWriter(IdGenerator ids, TimeProvider time, DeliverySignal signal, IOptions<DeliveryOptions> options)
{
    private const int RowsPerInsert = 100;

    /// <summary>Appends an event; with <paramref name="onlyWebhookId"/> it goes to that webhook alone, whatever it subscribes to.</summary>
    public async Task<string> AppendAsync<TData>(WriteScope scope, string accountId, TData data, CancellationToken cancellationToken, string? onlyWebhookId = null)
        where TData : IWebhookEventData
    {
        var type = TData.EventType;
        var eventType = EventCatalog.Find(type) ?? throw new ArgumentException($"Unknown event type {type}.", nameof(data));
        var id = ids.New("evt");
        var now = time.GetUtcNow();
        var payload = WebhookEventSerializer.SerializeToUtf8Bytes(id, now, data);
        var nowMs = now.ToUnixTimeMilliseconds();

        await using (var insert = scope.Command("INSERT INTO events (id, account_id, type, created_at, payload) VALUES (@id, @a, @type, @t, @p)")
            .With("@id", id).With("@a", accountId).With("@type", type).With("@t", nowMs).With("@p", payload))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var webhooks = await SubscribersAsync(scope, accountId, eventType.Bit, onlyWebhookId, nowMs, cancellationToken);
        for (var start = 0; start < webhooks.Count; start += RowsPerInsert)
        {
            await InsertDeliveriesAsync(scope, accountId, id, type, webhooks.Skip(start).Take(RowsPerInsert).ToList(), nowMs, cancellationToken);
        }
        if (webhooks.Count > 0)
        {
            await scope.WakeWorkersOnCommitAsync(signal.Notify, cancellationToken);
        }
        return id;
    }

    private static async Task<List<string>> SubscribersAsync(WriteScope scope, string accountId, long bit, string? onlyWebhookId, long nowMs, CancellationToken cancellationToken)
    {
        await using var select = onlyWebhookId is null
            ? scope.Command("""
                SELECT id FROM webhooks
                WHERE account_id = @a AND enabled = 1 AND (event_mask & @bit) <> 0
                  AND (session_expires_at IS NULL OR session_expires_at > @now)
                """).With("@a", accountId).With("@bit", bit).With("@now", nowMs)
            : scope.Command("SELECT id FROM webhooks WHERE account_id = @a AND id = @id").With("@a", accountId).With("@id", onlyWebhookId);
        var result = new List<string>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetString(0));
        }
        return result;
    }

    private async Task InsertDeliveriesAsync(WriteScope scope, string accountId, string eventId, string type, List<string> webhookIds, long nowMs, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("""
            INSERT INTO deliveries (account_id, event_id, event_type, webhook_id, status, attempt_count, max_attempts,
                                    next_attempt_at, lease_token, created_at, updated_at)
            VALUES
            """);
        for (var i = 0; i < webhookIds.Count; i++)
        {
            sql.Append(i == 0 ? " " : ", ").Append("(@a, @e, @type, @w").Append(i).Append(", 0, 0, @max, @now, 0, @now, @now)");
        }
        await using var insert = scope.Command(sql.ToString())
            .With("@a", accountId).With("@e", eventId).With("@type", type).With("@max", options.Value.MaxAttempts).With("@now", nowMs);
        for (var i = 0; i < webhookIds.Count; i++)
        {
            insert.With("@w" + i, webhookIds[i]);
        }
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
