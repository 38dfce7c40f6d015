using System.Globalization;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Events.Operational;

/// <summary>What an operational event needs to know of a delivery that the lease does not carry: its account, its event's type, its webhook's URL.</summary>
public sealed record OperationalContext(string AccountId, string EventType, string WebhookUrl)
{
    /// <summary>The context of each delivery among <paramref name="deliveryIds"/> that still exists, in one statement.</summary>
    public static async Task<Dictionary<long, OperationalContext>> ReadAsync(StoreSession session, IReadOnlyCollection<long> deliveryIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, OperationalContext>();
        if (deliveryIds.Count == 0)
        {
            return found;
        }
        var names = deliveryIds.Select((_, i) => "@d" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        await using var select = session.Command($"""
            SELECT d.id, d.account_id, d.event_type, w.url
            FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE d.id IN ({string.Join(", ", names)})
            """);
        var index = 0;
        foreach (var id in deliveryIds)
        {
            select.With(names[index++], id);
        }
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetInt64(0)] = new OperationalContext(reader.GetString(1), reader.GetString(2), reader.GetString(3));
        }
        return found;
    }
}
