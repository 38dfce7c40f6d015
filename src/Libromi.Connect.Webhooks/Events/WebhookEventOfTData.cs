using System.Text.Json;

namespace Libromi.Connect.Webhooks.Events;

/// <summary>An event of a type this library knows, with its <c>data</c> already parsed.</summary>
/// <typeparam name="TData">The data type, such as <see cref="MessageReceived"/>.</typeparam>
/// <param name="Id">The event id, such as <c>evt_01JD7Q8T5V3K2M4N6P8R0S2T4V</c>.</param>
/// <param name="Type">The event type, equal to <c>TData.EventType</c>.</param>
/// <param name="CreatedAt">When the event happened (UTC).</param>
/// <param name="RawData">The envelope's <c>data</c> object exactly as received.</param>
/// <param name="Data">The parsed data.</param>
public sealed record WebhookEvent<TData>(string Id, string Type, DateTimeOffset CreatedAt, JsonElement RawData, TData Data)
    : WebhookEvent(Id, Type, CreatedAt, RawData)
    where TData : IWebhookEventData;
