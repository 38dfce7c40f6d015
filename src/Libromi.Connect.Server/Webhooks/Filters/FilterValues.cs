using System.Text.Json;

namespace Libromi.Connect.Server.Webhooks.Filters;

/// <summary>How a filter compares JSON values: numbers by value, strings ordinally, other kinds only by kind.</summary>
public static class FilterValues
{
    private const int MaxDescribed = 80;

    public static bool IsScalar(JsonElement value) => value.ValueKind is JsonValueKind.String or JsonValueKind.Number
        or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null;

    /// <summary>Equality of a field and a scalar operand; an object or array field equals no operand.</summary>
    public static bool Equal(JsonElement value, JsonElement operand) => (value.ValueKind, operand.ValueKind) switch
    {
        (JsonValueKind.Number, JsonValueKind.Number) => CompareNumbers(value, operand) == 0,
        (JsonValueKind.String, JsonValueKind.String) => value.ValueEquals(operand.GetString()),
        (JsonValueKind.True, JsonValueKind.True) or (JsonValueKind.False, JsonValueKind.False) or (JsonValueKind.Null, JsonValueKind.Null) => true,
        _ => false,
    };

    /// <summary>The order of a field against a number or string operand; null when the kinds differ, which never matches.</summary>
    public static int? Compare(JsonElement value, JsonElement operand) => (value.ValueKind, operand.ValueKind) switch
    {
        (JsonValueKind.Number, JsonValueKind.Number) => CompareNumbers(value, operand),
        (JsonValueKind.String, JsonValueKind.String) => string.CompareOrdinal(value.GetString(), operand.GetString()),
        _ => null,
    };

    public static bool Contains(JsonElement value, JsonElement operand) => value.ValueKind switch
    {
        JsonValueKind.String => operand.ValueKind == JsonValueKind.String && value.GetString()!.Contains(operand.GetString()!, StringComparison.Ordinal),
        JsonValueKind.Array => value.EnumerateArray().Any(item => Equal(item, operand)),
        _ => false,
    };

    public static bool StartsWith(JsonElement value, JsonElement operand) =>
        value.ValueKind == JsonValueKind.String && value.GetString()!.StartsWith(operand.GetString()!, StringComparison.Ordinal);

    /// <summary>The value's JSON, cut at 80 characters so that a reason stays readable.</summary>
    public static string Describe(JsonElement value) => Describe(value.GetRawText());

    public static string Describe(string json) => json.Length <= MaxDescribed ? json : string.Concat(json.AsSpan(0, MaxDescribed - 1), "…");

    private static int CompareNumbers(JsonElement a, JsonElement b) =>
        a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y) ? x.CompareTo(y) : a.GetDouble().CompareTo(b.GetDouble());
}
