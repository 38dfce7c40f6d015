using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Libromi.Connect.Webhooks.Json;

namespace Libromi.Connect.Server.Delivery.Transports;

/// <summary>
/// What the attempt log keeps of a receiver's answer. It is text that every store accepts and the API shows readably:
/// invalid UTF-8 becomes U+FFFD, a NUL becomes U+2400 (␀). It is also bounded: at most
/// <see cref="MaxBodyBytes"/> of the body, and at most <see cref="MaxHeaderBytes"/> of headers.
/// </summary>
public static class ResponseText
{
    public const int MaxBodyBytes = 4096;
    public const int MaxHeaderBytes = 4096;
    private const int MaxHeaderValueChars = 1024;

    /// <summary>The name under which the header JSON says how many headers were left out.</summary>
    public const string OmittedKey = "(omitted)";

    /// <summary>Decodes what a receiver sent as UTF-8, never failing.</summary>
    public static string Readable(ReadOnlySpan<byte> bytes) => Readable(Encoding.UTF8.GetString(bytes));

    /// <summary>Makes text from a receiver storable everywhere: NUL and unpaired surrogates are replaced.</summary>
    public static string Readable(string text)
    {
        if (!text.Contains('\0', StringComparison.Ordinal) && JavaScriptJson.IsWellFormedText(text))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                builder.Append('\u2400');
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else
            {
                builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// The headers as a JSON object of lower-case names, in the order given, until <see cref="MaxHeaderBytes"/> is
    /// reached; each value at most 1,024 characters. What did not fit is counted under <see cref="OmittedKey"/>.
    /// </summary>
    public static string HeadersJson(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var output = new ArrayBufferWriter<byte>(256);
        var omitted = 0;
        // Room for the braces and the omitted-count entry, so the whole object stays within the cap.
        var room = MaxHeaderBytes - 64;
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in headers)
            {
                var key = JsonEncodedText.Encode(Readable(name.ToLowerInvariant()), JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
                var text = JsonEncodedText.Encode(Readable(value.Length > MaxHeaderValueChars ? value[..MaxHeaderValueChars] + "…" : value),
                    JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
                var size = key.EncodedUtf8Bytes.Length + text.EncodedUtf8Bytes.Length + 6;
                if (omitted > 0 || size > room)
                {
                    omitted++;
                    continue;
                }
                room -= size;
                writer.WriteString(key, text);
            }
            if (omitted > 0)
            {
                writer.WriteString(OmittedKey, $"{omitted} more header(s) not kept");
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
