using System.Text.Json;
using System.Text.Json.Serialization;

namespace Libromi.Connect.Client;

/// <summary>A PATCH's <c>filter</c>: an object sets it, <see cref="Remove"/> writes null, which removes it.</summary>
[JsonConverter(typeof(FilterChangeConverter))]
internal sealed record FilterChange(JsonElement? Filter)
{
    public static readonly FilterChange Remove = new((JsonElement?)null);
}

internal sealed class FilterChangeConverter : JsonConverter<FilterChange>
{
    public override FilterChange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader));

    public override void Write(Utf8JsonWriter writer, FilterChange value, JsonSerializerOptions options)
    {
        if (value.Filter is { } filter)
        {
            filter.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
