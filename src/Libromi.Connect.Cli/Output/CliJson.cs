using System.Text.Json;
using System.Text.Json.Serialization;

namespace Libromi.Connect.Cli.Output;

/// <summary>The API's own JSON conventions, so that <c>--output json</c> reads like the API's answers.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented) => new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = indented,
        // Names as typed, emoji included, rather than \u escapes.
        Encoder = Libromi.Connect.Webhooks.Json.MinimalJsonEncoder.Instance,
    };
}
