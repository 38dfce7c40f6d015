using System.Buffers;
using System.Text.Json;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Events;

/// <summary>Reads an account's events as JSON bytes: each event exactly as webhooks received it.</summary>
public sealed class EventService(Database database)
{
    /// <summary>A page of events as <c>{"data": [...], "next_cursor": ...}</c>.</summary>
    public async Task<byte[]> ListAsync(string accountId, string? type, PageRequest page, CancellationToken cancellationToken)
    {
        Page<byte[]> events;
        await using (var session = await database.OpenSessionAsync(cancellationToken))
        {
            events = await EventStore.ListAsync(session, accountId, type, page, cancellationToken);
        }
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            foreach (var payload in events.Data)
            {
                writer.WriteRawValue(payload, skipInputValidation: true);
            }
            writer.WriteEndArray();
            writer.WriteString("next_cursor", events.NextCursor);
            writer.WriteEndObject();
        }
        return output.WrittenMemory.ToArray();
    }

    public async Task<byte[]?> FindAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await EventStore.FindAsync(session, accountId, id, cancellationToken);
    }
}
