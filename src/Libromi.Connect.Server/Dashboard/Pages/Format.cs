using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Libromi.Connect.Server.Dashboard.Pages;

/// <summary>
/// How the pages write numbers, times and JSON: plain text, which Razor then HTML-escapes (so JSON is laid out with
/// only the escapes JSON needs, and a name like <c>&lt;b&gt;</c> reads as it was typed).
/// </summary>
public static class Format
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Millis(double? ms) => ms is { } m ? m.ToString("0", CultureInfo.InvariantCulture) + " ms" : "–";

    public static string Age(TimeSpan? age) => age switch
    {
        null => "–",
        { TotalSeconds: < 1 } => "< 1 s",
        { TotalMinutes: < 1 } a => $"{a.TotalSeconds:0} s",
        { TotalHours: < 1 } a => $"{a.TotalMinutes:0} min",
        { } a => $"{a.TotalHours:0.#} h",
    };

    public static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "–";

    /// <summary>JSON laid out for reading; text that is not JSON is shown as it is.</summary>
    public static string Json(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return text;
        }
    }

    /// <summary>Logged response headers (an object of names to values) as the lines of an HTTP message.</summary>
    public static string Headers(JsonElement? headers)
    {
        if (headers is not { ValueKind: JsonValueKind.Object } h)
        {
            return headers is null ? "(none)" : Json(headers);
        }
        return string.Join("\n", h.EnumerateObject().SelectMany(p => p.Value.ValueKind == JsonValueKind.Array
            ? p.Value.EnumerateArray().Select(v => $"{p.Name}: {v}")
            : [$"{p.Name}: {p.Value}"]));
    }

    public static string Json(JsonElement? element) => element is { } e ? JsonSerializer.Serialize(e, Indented) : "";
}
