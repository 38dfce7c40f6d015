using Libromi.Connect.Server.Webhooks;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Webhooks.Events;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Events;

/// <summary>
/// The outbox: writes an event and its fan-out (one delivery per enabled webhook subscribed to the type) inside the
/// caller's transaction, so a state change and its events commit or vanish together.
/// </summary>
public sealed class EventWriter(IdGenerator ids, TimeProvider time, DeliverySignal signal, DeliveryChanges changes, IOptions<DeliveryOptions> options)
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

        await EventStore.InsertAsync(scope, id, accountId, type, nowMs, payload, cancellationToken);
        var webhooks = await WebhookStore.SubscribersAsync(scope, accountId, eventType.Bit, onlyWebhookId, nowMs, cancellationToken);
        for (var start = 0; start < webhooks.Count; start += RowsPerInsert)
        {
            await DeliveryStore.InsertAsync(scope, accountId, id, type, webhooks.Skip(start).Take(RowsPerInsert).ToList(), options.Value.MaxAttempts, nowMs, cancellationToken);
        }
        if (webhooks.Count > 0)
        {
            await scope.WakeWorkersOnCommitAsync(signal.Notify, cancellationToken);
            scope.AfterCommit.Add(changes.Publish);
        }
        return id;
    }
}
