using System.Text.Json;
using System.Text.Json.Serialization;

namespace Libromi.Connect.Server.Api;

/// <summary>
/// Reads a string field like the default converter, but reports an unpaired surrogate (<c>"\ud800"</c>) as
/// <see cref="MalformedTextException"/>, so that the caller gets a 422 naming the field instead of "wrong JSON type".
/// </summary>
public sealed class WellFormedTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException e) when (reader.TokenType == JsonTokenType.String)
        {
            throw new MalformedTextException(e);
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
