using System.Globalization;
using System.Text.Json;

namespace Libromi.Connect.Server.Webhooks.Filters;

/// <summary>
/// A field of the event in dot notation from the envelope's root, such as <c>data.contact.attributes.plan</c>. A numeric
/// segment indexes an array (<c>data.items.0</c>) and names a key of an object, so either shape is reachable.
/// </summary>
public sealed class FilterPath
{
    public const int MaxSegments = 16;
    public const int MaxLength = 256;

    private readonly string[] _segments;

    private FilterPath(string text, string[] segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    /// <summary>The path, or null when it is empty, too long, or has a segment that is empty or not made of [A-Za-z0-9_-].</summary>
    public static FilterPath? Parse(string text)
    {
        if (text.Length is 0 or > MaxLength)
        {
            return null;
        }
        var segments = text.Split('.');
        if (segments.Length > MaxSegments || !segments.All(IsSegment))
        {
            return null;
        }
        return new FilterPath(text, segments);
    }

    /// <summary>The value at the path; false when a segment is missing or walks into a value that has no fields.</summary>
    public bool TryResolve(JsonElement root, out JsonElement value)
    {
        value = root;
        foreach (var segment in _segments)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object when value.TryGetProperty(segment, out var field):
                    value = field;
                    break;
                case JsonValueKind.Array when IsIndex(segment, out var index) && index < value.GetArrayLength():
                    value = value[index];
                    break;
                default:
                    value = default;
                    return false;
            }
        }
        return true;
    }

    public override string ToString() => Text;

    private static bool IsSegment(string segment) =>
        segment.Length > 0 && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    // Canonical decimal only: "01" names a key, never the second element.
    private static bool IsIndex(string segment, out int index)
    {
        index = 0;
        return (segment == "0" || segment[0] != '0')
            && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}
