using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Client;

/// <summary>Reads an event of the events API with <see cref="WebhookEventParser"/>, so the client and a receiver see the same types.</summary>
internal sealed class WebhookEventConverter : JsonConverter<WebhookEvent>
{
    public override WebhookEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return WebhookEventParser.TryParse(JsonMarshal.GetRawUtf8Value(document.RootElement), out var webhookEvent, out var error)
            ? webhookEvent
            : throw new JsonException(error);
    }

    // The client only reads events; no request carries one.
    public override void Write(Utf8JsonWriter writer, WebhookEvent value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Events are read, never sent.");
}
