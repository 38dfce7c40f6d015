using System.Text.Json;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Webhooks.Filters;

/// <summary>
/// The filter step of the fan-out, in the event's transaction: which of the filtered webhooks subscribed to the event
/// the event passes. The payload is parsed only when there is a filter to evaluate.
/// </summary>
public static partial class FilterFanOut
{
    /// <summary>
    /// The ids of the filtered webhooks whose filter the event (<paramref name="payload"/>, its envelope's exact bytes)
    /// matches. A filter damaged in the store matches nothing and is logged by webhook id, never by content: a filter
    /// may exist to keep events from an endpoint, so a damaged one must not open it to all of them.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PassedAsync(StoreSession session, string accountId, long bit, byte[] payload, long nowMs,
        ILogger logger, CancellationToken cancellationToken)
    {
        var candidates = await DeliveryStore.FilteredCandidatesAsync(session, accountId, bit, nowMs, cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }
        using var envelope = JsonDocument.Parse(payload);
        var passed = new List<string>(candidates.Count);
        foreach (var (webhookId, stored) in candidates)
        {
            if (ParsedFilters.Read(stored) is not { } filter)
            {
                DamagedFilter(logger, webhookId);
            }
            else if (filter.Matches(envelope.RootElement))
            {
                passed.Add(webhookId);
            }
        }
        return passed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} has a stored filter that cannot be read; it receives no events until its filter is set again")]
    private static partial void DamagedFilter(ILogger logger, string webhookId);
}
