using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Libromi.Connect.Webhooks.Events;

/// <summary>
/// Writes instants as JavaScript's <c>Date.toISOString()</c> does (UTC, milliseconds), the spelling the API answers
/// with too, so an event and a GET of the same object agree; reads any ISO-8601 time.
/// </summary>
internal sealed class EventTimestampConverter : JsonConverter<DateTimeOffset>
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));
}
