using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Libromi.Connect.Webhooks.Json;

/// <summary>
/// JSON exactly as Node.js writes it. Receivers built on <c>express.json()</c> verify the
/// signature over <c>JSON.stringify(req.body)</c>, so the body we sign must already be that string,
/// byte for byte.
/// </summary>
public static class JavaScriptJson
{
    /// <summary>
    /// Serialises <paramref name="node"/> to the UTF-8 bytes of <c>JSON.stringify(JSON.parse(x))</c>:
    /// no whitespace, array-index keys first in numeric order, minimal string escaping,
    /// ECMAScript number formatting, and <c>null</c> for NaN and infinities.
    /// </summary>
    /// <param name="node">The document; <see langword="null"/> writes <c>null</c>.</param>
    /// <returns>A new array holding the serialised document.</returns>
    public static byte[] SerializeToUtf8Bytes(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, node);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes <paramref name="node"/> to <paramref name="output"/> with the same rules as
    /// <see cref="SerializeToUtf8Bytes(JsonNode?)"/>.
    /// </summary>
    /// <param name="output">Receives the UTF-8 bytes; it is advanced past everything written.</param>
    /// <param name="node">The document; <see langword="null"/> writes <c>null</c>.</param>
    /// <exception cref="InsufficientExecutionStackException">The tree is nested too deeply to walk.</exception>
    public static void Write(IBufferWriter<byte> output, JsonNode? node)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = new Utf8Output(output);
        JavaScriptJsonWriter.Write(ref writer, node);
        writer.Flush();
    }

    /// <summary>
    /// Converts user-provided JSON into the tree a JavaScript receiver would see after <c>JSON.parse</c>,
    /// or explains why that receiver would silently change it: numbers that an IEEE double cannot hold
    /// exactly (<c>1.0</c>, <c>1E2</c> and <c>-0</c> are fine and become 1, 100 and 0), duplicate keys,
    /// strings with unpaired surrogates, and nesting deeper than <paramref name="maxDepth"/>.
    /// </summary>
    /// <param name="element">The user's JSON.</param>
    /// <param name="maxDepth">How many objects and arrays may nest; a scalar needs 0, <c>{"a":[]}</c> needs 2.</param>
    /// <param name="normalized">The normalised tree when accepted; JSON <c>null</c> is <see langword="null"/> too.</param>
    /// <param name="error">The first problem found, when rejected.</param>
    /// <returns><see langword="true"/> when the element can be delivered unchanged.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDepth"/> is negative.</exception>
    public static bool TryNormalize(
        JsonElement element,
        int maxDepth,
        out JsonNode? normalized,
        [NotNullWhen(false)] out JsonRepresentabilityError? error)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDepth);
        var normalizer = new JsonNormalizer(maxDepth);
        var result = normalizer.Normalize(element, "$", 0);
        error = normalizer.Error;
        normalized = error is null ? result : null;
        return error is null;
    }

    /// <summary>
    /// Tells whether <paramref name="value"/> is well-formed UTF-16, that is, has no unpaired surrogate,
    /// and so survives UTF-8 encoding unchanged.
    /// </summary>
    /// <param name="value">The text to check.</param>
    /// <returns><see langword="false"/> when the string has an unpaired surrogate.</returns>
    public static bool IsWellFormedText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var rest = value.AsSpan();
        while (true)
        {
            var at = rest.IndexOfAnyInRange('\ud800', '\udfff');
            if (at < 0)
            {
                return true;
            }

            if (!char.IsHighSurrogate(rest[at]) || at + 1 >= rest.Length || !char.IsLowSurrogate(rest[at + 1]))
            {
                return false;
            }

            rest = rest[(at + 2)..];
        }
    }
}
