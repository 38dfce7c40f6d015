using System.Data.Common;
using Libromi.Connect.Server.Delivery.Transports;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Events;

/// <summary>Statements on <c>events</c> that the delivery engine needs.</summary>
public static class EventStore
{
    /// <summary>The stored bodies of <paramref name="eventIds"/>, byte for byte as they go on the wire.</summary>
    public static async Task<Dictionary<string, EventPayload>> PayloadsAsync(DbConnection connection, IReadOnlyList<string> eventIds, CancellationToken cancellationToken)
    {
        var events = new Dictionary<string, EventPayload>(StringComparer.Ordinal);
        await using var select = connection.SqlIn("SELECT id, type, payload FROM events WHERE id IN ", eventIds);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events[reader.GetString(0)] = new EventPayload(reader.GetString(0), reader.GetString(1), (byte[])reader.GetValue(2));
        }
        return events;
    }
}
