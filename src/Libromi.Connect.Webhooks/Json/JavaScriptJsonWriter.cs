using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Libromi.Connect.Webhooks.Json;

/// <summary>Walks a <see cref="JsonNode"/> tree and writes it as <c>JSON.stringify</c> would.</summary>
internal static class JavaScriptJsonWriter
{
    public static void Write(ref Utf8Output output, JsonNode? node)
    {
        // A hand-built JsonNode has no depth limit; fail with an exception rather than crash the process.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case null:
                output.Write("null"u8);
                break;
            case JsonObject obj:
                WriteObject(ref output, obj);
                break;
            case JsonArray array:
                WriteArray(ref output, array);
                break;
            case JsonValue value:
                WriteValue(ref output, value);
                break;
        }
    }

    private static void WriteArray(ref Utf8Output output, JsonArray array)
    {
        output.WriteByte((byte)'[');
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
            {
                output.WriteByte((byte)',');
            }

            Write(ref output, array[i]);
        }

        output.WriteByte((byte)']');
    }

    private static void WriteObject(ref Utf8Output output, JsonObject obj)
    {
        output.WriteByte((byte)'{');
        var indexKeys = 0;
        for (var i = 0; i < obj.Count; i++)
        {
            if (ArrayIndexKey.TryParse(obj.GetAt(i).Key, out _))
            {
                indexKeys++;
            }
        }

        var first = true;
        if (indexKeys > 0)
        {
            WriteIndexProperties(ref output, obj, indexKeys);
            first = false;
        }

        for (var i = 0; i < obj.Count; i++)
        {
            var (key, value) = obj.GetAt(i);
            if (indexKeys > 0 && ArrayIndexKey.TryParse(key, out _))
            {
                continue;
            }

            WriteProperty(ref output, key, value, first);
            first = false;
        }

        output.WriteByte((byte)'}');
    }

    private static void WriteIndexProperties(ref Utf8Output output, JsonObject obj, int count)
    {
        var indices = ArrayPool<ulong>.Shared.Rent(count);
        try
        {
            // Pack the numeric index above the insertion position so one sort orders them.
            var n = 0;
            for (var i = 0; i < obj.Count; i++)
            {
                if (ArrayIndexKey.TryParse(obj.GetAt(i).Key, out var index))
                {
                    indices[n++] = ((ulong)index << 32) | (uint)i;
                }
            }

            Array.Sort(indices, 0, n);
            for (var j = 0; j < n; j++)
            {
                var (key, value) = obj.GetAt((int)(uint)indices[j]);
                WriteProperty(ref output, key, value, j == 0);
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(indices);
        }
    }

    private static void WriteProperty(ref Utf8Output output, string key, JsonNode? value, bool first)
    {
        if (!first)
        {
            output.WriteByte((byte)',');
        }

        JavaScriptStringWriter.Write(ref output, key);
        output.WriteByte((byte)':');
        Write(ref output, value);
    }

    private static void WriteValue(ref Utf8Output output, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                JavaScriptStringWriter.Write(ref output, ReadString(value));
                break;
            case JsonValueKind.Number:
                WriteNumber(ref output, ReadNumber(value));
                break;
            case JsonValueKind.True:
                output.Write("true"u8);
                break;
            case JsonValueKind.False:
                output.Write("false"u8);
                break;
            case JsonValueKind.Object or JsonValueKind.Array:
                // A JsonValue wrapping an arbitrary CLR object: let System.Text.Json shape it first.
                Write(ref output, JsonNode.Parse(value.ToJsonString()));
                break;
            default:
                output.Write("null"u8);
                break;
        }
    }

    private static void WriteNumber(ref Utf8Output output, double number)
    {
        if (!double.IsFinite(number))
        {
            output.Write("null"u8);
            return;
        }

        var written = JavaScriptNumberFormatter.Format(number, output.GetSpan(JavaScriptNumberFormatter.MaxLength));
        output.Advance(written);
    }

    private static string ReadString(JsonValue value)
    {
        if (value.TryGetValue<string>(out var text))
        {
            return text;
        }

        if (value.TryGetValue<char>(out var c))
        {
            return c.ToString();
        }

        // Guid, DateTime and friends: their JSON spelling is the string a receiver would see.
        using var document = JsonDocument.Parse(value.ToJsonString());
        return document.RootElement.GetString() ?? string.Empty;
    }

    private static double ReadNumber(JsonValue value)
    {
        if (value.TryGetValue<double>(out var d))
        {
            return d;
        }

        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (value.TryGetValue<int>(out var i))
        {
            return i;
        }

        if (value.TryGetValue<decimal>(out var m))
        {
            // Through text, because a receiver parses the decimal's spelling with correct rounding.
            return double.Parse(m.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        // Other numeric CLR types, and literals too large for TryGetDouble (which JavaScript reads as Infinity).
        return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
