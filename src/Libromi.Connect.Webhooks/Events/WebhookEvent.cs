using System.Text.Json;

namespace Libromi.Connect.Webhooks.Events;

/// <summary>
/// The envelope of every event. Types this library knows come as <see cref="WebhookEvent{TData}"/> with typed data;
/// others come as this base type, so a receiver built today keeps working when new types are added.
/// </summary>
/// <param name="Id">The event id, such as <c>evt_01JD7Q8T5V3K2M4N6P8R0S2T4V</c>: the same on every redelivery, so use it to ignore duplicates.</param>
/// <param name="Type">The event type, such as <c>message.received</c>.</param>
/// <param name="CreatedAt">When the event happened (UTC).</param>
/// <param name="RawData">The envelope's <c>data</c> object exactly as received; always a JSON object.</param>
public record WebhookEvent(string Id, string Type, DateTimeOffset CreatedAt, JsonElement RawData);
