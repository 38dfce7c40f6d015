using System.Text.Json;
using System.Text.Json.Serialization;
using Libromi.Connect.Client.Http;

namespace Libromi.Connect.Client;

/// <summary>
/// A PATCH's <c>headers</c> or <c>auth</c>: a value replaces, <see cref="Value"/> null writes JSON null, which removes.
/// (Null request fields are otherwise left out, which keeps them.)
/// </summary>
[JsonConverter(typeof(EndpointChangeConverter))]
internal sealed record EndpointChange(object? Value);

internal sealed class EndpointChangeConverter : JsonConverter<EndpointChange>
{
    public override EndpointChange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A change is only ever written.");

    public override void Write(Utf8JsonWriter writer, EndpointChange value, JsonSerializerOptions options)
    {
        switch (value.Value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case WebhookAuth auth:
                JsonSerializer.Serialize(writer, auth, ClientJsonContext.Default.WebhookAuth);
                break;
            case IReadOnlyDictionary<string, string> headers:
                JsonSerializer.Serialize(writer, headers, ClientJsonContext.Default.IReadOnlyDictionaryStringString);
                break;
            default:
                throw new NotSupportedException($"No wire form for {value.Value.GetType()}.");
        }
    }
}
