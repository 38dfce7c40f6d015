using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Libromi.Connect.Server.Api;

/// <summary>Writes instants the way JavaScript's <c>Date.toISOString()</c> does, so API responses and webhook bodies agree.</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string ToIso(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }
        throw new JsonReasonException("Expected an ISO-8601 timestamp such as 2026-01-31T12:00:00Z");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ToIso(value));
}
