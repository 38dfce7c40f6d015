using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Libromi.Connect.Webhooks.Json;

/// <summary>
/// Turns user JSON into the tree a JavaScript receiver would see after <c>JSON.parse</c>,
/// refusing input that such a receiver would silently change.
/// </summary>
internal sealed class JsonNormalizer(int maxDepth)
{
    /// <summary>Literals up to this length are decomposed on the stack.</summary>
    private const int StackLiteralLimit = 256;

    public JsonRepresentabilityError? Error { get; private set; }

    public JsonNode? Normalize(JsonElement element, string path, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                return Enter(path, depth) ? NormalizeObject(element, path, depth + 1) : null;
            case JsonValueKind.Array:
                return Enter(path, depth) ? NormalizeArray(element, path, depth + 1) : null;
            case JsonValueKind.String:
                return TryReadString(element, path, out var text) ? JsonValue.Create(text) : null;
            case JsonValueKind.Number:
                return NormalizeNumber(element, path);
            case JsonValueKind.True:
                return JsonValue.Create(true);
            case JsonValueKind.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }

    private bool Enter(string path, int depth)
    {
        if (depth < maxDepth)
        {
            return true;
        }

        Fail(path, string.Create(CultureInfo.InvariantCulture, $"nesting is deeper than the limit of {maxDepth} levels; flatten the structure"));
        return false;
    }

    private JsonObject? NormalizeObject(JsonElement element, string path, int depth)
    {
        var result = new JsonObject();
        foreach (var property in element.EnumerateObject())
        {
            var childPath = TryReadName(property, path, out var name) ? JsonPath.Property(path, name) : null;
            if (childPath is null)
            {
                return null;
            }

            if (result.ContainsKey(name))
            {
                Fail(childPath, $"key \"{name}\" appears more than once in the same object; JavaScript receivers keep only the last one, so send each key once");
                return null;
            }

            var child = Normalize(property.Value, childPath, depth);
            if (Error is not null)
            {
                return null;
            }

            result.Add(name, child);
        }

        return result;
    }

    private JsonArray? NormalizeArray(JsonElement element, string path, int depth)
    {
        var result = new JsonArray();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var child = Normalize(item, JsonPath.Index(path, index++), depth);
            if (Error is not null)
            {
                return null;
            }

            result.Add(child);
        }

        return result;
    }

    private JsonValue? NormalizeNumber(JsonElement element, string path)
    {
        var literal = element.GetRawText();
        var value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsFinite(value) && SameValue(literal, value))
        {
            // JavaScript has no negative zero in JSON output.
            return JsonValue.Create(value == 0 ? 0d : value);
        }

        Fail(path, $"number {literal} cannot be represented exactly by JavaScript receivers; send it as a string");
        return null;
    }

    private static bool SameValue(string literal, double value)
    {
        Span<byte> literalBytes = literal.Length <= StackLiteralLimit ? stackalloc byte[literal.Length] : new byte[literal.Length];
        Span<byte> literalScratch = literal.Length <= StackLiteralLimit ? stackalloc byte[literal.Length] : new byte[literal.Length];
        for (var i = 0; i < literal.Length; i++)
        {
            literalBytes[i] = (byte)literal[i];
        }

        Span<byte> shortest = stackalloc byte[JavaScriptNumberFormatter.MaxLength];
        value.TryFormat(shortest, out var written, "R", CultureInfo.InvariantCulture);
        Span<byte> shortestScratch = stackalloc byte[JavaScriptNumberFormatter.MaxLength];
        return DecimalNumber.Parse(literalBytes, literalScratch)
            .ValueEquals(DecimalNumber.Parse(shortest[..written], shortestScratch));
    }

    private bool TryReadString(JsonElement element, string path, out string text)
    {
        if (TryDecode(element.GetString, out text))
        {
            return true;
        }

        Fail(path, "string contains an unpaired UTF-16 surrogate (an escape such as \\ud800 without its partner); remove it or send the full character");
        return false;
    }

    private bool TryReadName(JsonProperty property, string path, out string name)
    {
        if (TryDecode(() => property.Name, out name))
        {
            return true;
        }

        Fail(path, "an object key contains an unpaired UTF-16 surrogate (an escape such as \\ud800 without its partner); remove it or send the full character");
        return false;
    }

    /// <summary>
    /// System.Text.Json refuses to unescape a lone surrogate by throwing; that is the only signal it gives.
    /// </summary>
    private static bool TryDecode(Func<string?> read, out string text)
    {
        try
        {
            text = read() ?? string.Empty;
            return JavaScriptJson.IsWellFormedText(text);
        }
        catch (InvalidOperationException)
        {
            text = string.Empty;
            return false;
        }
    }

    private void Fail(string path, string message) => Error ??= new JsonRepresentabilityError(path, message);
}
