using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Delivery.Transports;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Events;

/// <summary>SQL for reading events: their payloads are the exact bytes webhooks receive (the delivery engine reads them here too).</summary>
public static class EventStore
{
    public static async Task<Page<byte[]>> ListAsync(StoreSession session, string accountId, string? type, PageRequest page, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"""
            SELECT id, payload FROM events
            WHERE account_id = @a{(type is null ? "" : " AND type = @type")}{(page.After is null ? "" : " AND id < @after")}
            ORDER BY id DESC LIMIT @limit
            """).With("@a", accountId).With("@type", type).With("@after", page.After).With("@limit", page.Limit + 1);
        var rows = new List<(string Id, byte[] Payload)>();
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), (byte[])reader.GetValue(1)));
            }
        }
        var result = page.ToPage(rows, r => r.Id);
        return new Page<byte[]>(result.Data.Select(r => r.Payload).ToList(), result.NextCursor);
    }

    public static async Task<byte[]?> FindAsync(StoreSession session, string accountId, string id, CancellationToken cancellationToken)
    {
        await using var select = session.Command("SELECT payload FROM events WHERE account_id = @a AND id = @id").With("@a", accountId).With("@id", id);
        return await select.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    /// <summary>The stored bodies of <paramref name="eventIds"/>, byte for byte as they go on the wire.</summary>
    public static async Task<Dictionary<string, EventPayload>> PayloadsAsync(StoreSession session, IReadOnlyList<string> eventIds, CancellationToken cancellationToken)
    {
        var events = new Dictionary<string, EventPayload>(StringComparer.Ordinal);
        await using var select = session.CommandIn("SELECT id, type, payload, trace_parent FROM events WHERE id IN ", eventIds);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events[reader.GetString(0)] = new EventPayload(reader.GetString(0), reader.GetString(1), (byte[])reader.GetValue(2), reader.GetNullableString(3));
        }
        return events;
    }

    /// <summary>
    /// Stores an event; <paramref name="contactId"/> is the contact it is about (its <c>data.contact.id</c>), which erasure
    /// finds it by; <paramref name="traceParent"/> the W3C context of the span that wrote it, which its attempts link to.
    /// </summary>
    public static async Task InsertAsync(StoreSession session, string id, string accountId, string type, long createdAtMs, byte[] payload, string? contactId,
        string? traceParent, CancellationToken cancellationToken)
    {
        await using var insert = session.Command("INSERT INTO events (id, account_id, type, created_at, payload, contact_id, trace_parent) VALUES (@id, @a, @type, @t, @p, @c, @tp)")
            .With("@id", id).With("@a", accountId).With("@type", type).With("@t", createdAtMs).With("@p", payload).With("@c", contactId).With("@tp", traceParent);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
