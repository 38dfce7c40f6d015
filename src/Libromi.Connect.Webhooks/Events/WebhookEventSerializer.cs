using System.Text.Json;
using System.Text.Json.Nodes;
using Libromi.Connect.Webhooks.Json;

namespace Libromi.Connect.Webhooks.Events;

/// <summary>
/// Writes events as Libromi Connect sends them, the inverse of <see cref="WebhookEventParser"/>. The bytes are what
/// <c>JSON.stringify(JSON.parse(body))</c> gives back (see <see cref="JavaScriptJson"/>), so a receiver that signs
/// the re-serialised body verifies them too. Useful to build signed bodies for a receiver's own tests.
/// </summary>
public static class WebhookEventSerializer
{
    /// <summary>Writes the envelope <c>{"id","type","created_at","data"}</c> of one event, fields in that order.</summary>
    /// <typeparam name="TData">The data type; the envelope's <c>type</c> is its <c>EventType</c>.</typeparam>
    /// <param name="id">The event id, such as <c>evt_01JD7Q8T5V3K2M4N6P8R0S2T4V</c>.</param>
    /// <param name="createdAt">When the event happened; written in UTC to the millisecond, as <c>Date.toISOString()</c> does.</param>
    /// <param name="data">The event's data.</param>
    /// <returns>The UTF-8 body.</returns>
    public static byte[] SerializeToUtf8Bytes<TData>(string id, DateTimeOffset createdAt, TData data)
        where TData : IWebhookEventData
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return JavaScriptJson.SerializeToUtf8Bytes(new JsonObject
        {
            ["id"] = id,
            ["type"] = TData.EventType,
            ["created_at"] = EventTimestampConverter.Format(createdAt),
            ["data"] = SerializeDataToNode(data),
        });
    }

    /// <summary>Converts one event's data to the JSON object its envelope carries as <c>data</c>.</summary>
    /// <param name="data">Data of one of the types <see cref="WebhookEventParser.IsKnownType"/> knows.</param>
    /// <returns>A new object, fields in the model's order, snake_case, a null field written as <c>null</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="data"/> is a type of its own, not one of this library's.</exception>
    public static JsonObject SerializeDataToNode(IWebhookEventData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var typeInfo = EventJsonContext.Default.GetTypeInfo(data.GetType())
            ?? throw new ArgumentException($"{data.GetType()} is not an event data type of this library.", nameof(data));
        return JsonSerializer.SerializeToNode(data, typeInfo)!.AsObject();
    }
}
