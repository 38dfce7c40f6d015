using System.Text.Json;
using System.Text.Json.Serialization;
using Libromi.Connect.Client.Http;

namespace Libromi.Connect.Client;

/// <summary>
/// A PATCH field that absent, null and a value tell apart (<c>rate_limit</c>, <c>filter</c>, <c>headers</c>,
/// <c>auth</c>): a value replaces, <see cref="Remove"/> writes JSON null, which removes. Null request fields are otherwise
/// left out, which keeps them.
/// </summary>
[JsonConverter(typeof(FieldChangeConverter))]
internal sealed record FieldChange(object? Value)
{
    public static readonly FieldChange Remove = new((object?)null);

    /// <summary>The change a request's field asks for: <see cref="Remove"/>, the value, or null (left out) for neither.</summary>
    public static FieldChange? Of(bool remove, object? value) => remove ? Remove : value is null ? null : new FieldChange(value);
}

internal sealed class FieldChangeConverter : JsonConverter<FieldChange>
{
    public override FieldChange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A change is only ever written.");

    public override void Write(Utf8JsonWriter writer, FieldChange value, JsonSerializerOptions options)
    {
        switch (value.Value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case JsonElement element:
                element.WriteTo(writer);
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
