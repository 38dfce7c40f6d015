using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Libromi.Connect.Server.Api;

/// <summary>
/// The JSON conventions of the public API: snake_case, ISO-8601 UTC times, unknown fields rejected; the API's own types
/// described by <see cref="ApiJsonContext"/>, any other by reflection.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        // A number is a number: "rate_limit": "10" is refused like any other wrong type, not read as 10.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.PropertyNameCaseInsensitive = false;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // A misspelt field must not be silently ignored: "evnts" would otherwise create a webhook with no events.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Encoder = Libromi.Connect.Webhooks.Json.MinimalJsonEncoder.Instance;
        options.Converters.Add(new UtcTimestampConverter());
        options.Converters.Add(new StrictStringConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(ApiJsonContext.Default, new DefaultJsonTypeInfoResolver());
        return options;
    }
}
