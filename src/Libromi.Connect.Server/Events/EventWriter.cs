using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Telemetry;
using Libromi.Connect.Server.Webhooks.Filters;
using Libromi.Connect.Webhooks.Events;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Events;

/// <summary>
/// The outbox: writes an event and its fan-out (one delivery per enabled webhook subscribed to the type whose filter, if
/// any, the event matches) inside the caller's transaction, so a state change and its events commit or vanish together.
/// Each event has a span, and counts in <c>libromi.events.ingested</c> once committed.
/// </summary>
public sealed class EventWriter(Database database, IdGenerator ids, TimeProvider time, DeliverySignal signal, DeliveryChanges changes, IOptions<DeliveryOptions> options,
    ConnectMetrics metrics, ILogger<EventWriter> logger)
{
    /// <summary>
    /// Appends an event; with <paramref name="onlyWebhookId"/> it goes to that webhook alone, whatever it subscribes to and
    /// filters; with <paramref name="exceptWebhookId"/> (an operational event about that webhook) to every subscriber but it.
    /// </summary>
    public async Task<string> AppendAsync<TData>(WriteScope scope, string accountId, TData data, CancellationToken cancellationToken, string? onlyWebhookId = null,
        string? exceptWebhookId = null)
        where TData : IWebhookEventData
    {
        var type = TData.EventType;
        var eventType = EventCatalog.Find(type) ?? throw new ArgumentException($"Unknown event type {type}.", nameof(data));
        var id = ids.New("evt");
        var now = time.GetUtcNow();
        var payload = WebhookEventSerializer.SerializeToUtf8Bytes(id, now, data);
        var nowMs = now.ToUnixTimeMilliseconds();
        // A child of the API request's span; each attempt to deliver the event links to it.
        using var activity = ConnectDiagnostics.Source.StartActivity("event " + type);
        activity?.SetTag("libromi.event.id", id);
        activity?.SetTag("libromi.event.type", type);
        scope.AfterCommit.Add(() => metrics.EventIngested(type));

        var contactId = (data as IContactEventData)?.Contact.Id;
        await EventStore.InsertAsync(scope, id, accountId, type, nowMs, payload, contactId, AttemptTrace.TraceParent(activity), cancellationToken);
        if (database.Sql.LockKey is { } lockKey && contactId is not null)
        {
            await DeliveryStore.LockOrderedContactAsync(scope, lockKey, accountId, eventType.Bit, contactId, onlyWebhookId, nowMs, cancellationToken);
        }
        var passedFilters = onlyWebhookId is null ? await FilterFanOut.PassedAsync(scope, accountId, eventType.Bit, payload, nowMs, logger, cancellationToken) : [];
        if (await DeliveryStore.FanOutAsync(scope, accountId, id, type, eventType.Bit, contactId, onlyWebhookId, passedFilters, options.Value.MaxAttempts, nowMs, cancellationToken,
                exceptWebhookId) > 0)
        {
            await scope.WakeWorkersOnCommitAsync(signal.Notify, cancellationToken);
            scope.AfterCommit.Add(changes.Publish);
        }
        return id;
    }
}
