using System.Text.Json;
using System.Text.Json.Serialization;

namespace Libromi.Connect.Client;

/// <summary>A PATCH's <c>rate_limit</c>: a number sets it, <see cref="Remove"/> writes null, which removes it.</summary>
[JsonConverter(typeof(RateLimitChangeConverter))]
internal sealed record RateLimitChange(int? PerSecond)
{
    public static readonly RateLimitChange Remove = new((int?)null);
}

internal sealed class RateLimitChangeConverter : JsonConverter<RateLimitChange>
{
    public override RateLimitChange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32());

    public override void Write(Utf8JsonWriter writer, RateLimitChange value, JsonSerializerOptions options)
    {
        if (value.PerSecond is { } rate)
        {
            writer.WriteNumberValue(rate);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
