using System.Buffers;
using System.Text.Json;
using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Server.Events;

/// <summary>
/// <c>/api/v1/events</c> and <c>/api/v1/event-types</c>. Events are answered with the exact bytes that webhooks receive.
/// </summary>
public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/events", List).WithTags("Events");
        api.MapGet("/events/{id}", Get).WithTags("Events");
        api.MapGet("/event-types", Types).WithTags("Events");
        return api;
    }

    private static async Task<IResult> List(Caller caller, Database database, string? type, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.Parse(limit, cursor, "evt");
        if (type is not null && EventCatalog.Find(type) is null)
        {
            throw ApiException.Validation("type", $"'{type}' is not an event type. Valid types: {string.Join(", ", EventCatalog.All.Select(t => t.Name))}.");
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.Sql($"""
            SELECT id, payload FROM events
            WHERE account_id = @a{(type is null ? "" : " AND type = @type")}{(page.After is null ? "" : " AND id < @after")}
            ORDER BY id DESC LIMIT @limit
            """).With("@a", caller.AccountId).With("@type", type).With("@after", page.After).With("@limit", page.Limit + 1);
        var rows = new List<(string Id, byte[] Payload)>();
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), (byte[])reader.GetValue(1)));
            }
        }
        var result = page.ToPage(rows, r => r.Id);
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            foreach (var row in result.Data)
            {
                writer.WriteRawValue(row.Payload, skipInputValidation: true);
            }
            writer.WriteEndArray();
            writer.WriteString("next_cursor", result.NextCursor);
            writer.WriteEndObject();
        }
        return new JsonBytesResult(output.WrittenMemory.ToArray());
    }

    private static async Task<IResult> Get(string id, Caller caller, Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.Sql("SELECT payload FROM events WHERE account_id = @a AND id = @id").With("@a", caller.AccountId).With("@id", id);
        return await select.ExecuteScalarAsync(cancellationToken) is byte[] payload
            ? new JsonBytesResult(payload)
            : throw ApiException.NotFound("event", id);
    }

    private static Page<EventTypeView> Types() =>
        new(EventCatalog.All.Select(t => new EventTypeView(t.Name, t.Description, t.Subscribable, WebhookEventSerializer.SerializeDataToNode(t.Example))).ToList(), null);

    /// <summary>A catalog entry with an example of its <c>data</c>.</summary>
    public sealed record EventTypeView(string Name, string Description, bool Subscribable, System.Text.Json.Nodes.JsonObject ExampleData);
}
