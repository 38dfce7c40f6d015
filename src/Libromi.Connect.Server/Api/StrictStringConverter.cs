using System.Text.Json;
using System.Text.Json.Serialization;

namespace Libromi.Connect.Server.Api;

/// <summary>
/// Reads and writes every string like the default converter, except that a string token the reader cannot decode
/// is reported as <see cref="UnpairedSurrogateException"/>: the serializer answers it, and a string field sent a
/// number, with the same exception type, and only the token type tells them apart.
/// </summary>
public sealed class StrictStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Decode(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Decode(ref reader)!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string? Decode(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException e) when (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
        {
            throw new UnpairedSurrogateException(e);
        }
    }
}
