using System.Text.Encodings.Web;

namespace Libromi.Connect.Webhooks.Json;

/// <summary>
/// Escapes only what JSON requires: <c>"</c>, <c>\</c> and the control characters below U+0020, as webhook bodies
/// (<c>JSON.stringify</c>) do. Everything else, emoji and the rest outside the Basic Multilingual Plane included, is
/// written as UTF-8: the framework's encoders, even <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>, write
/// those as <c>\uD83D\uDE00</c>. HTML-sensitive characters are not escaped either: API answers are
/// <c>application/json</c> with <c>X-Content-Type-Options: nosniff</c>, which no browser renders as HTML (the server
/// and the CLI use it; do not use it for JSON placed inside HTML). A lone
/// surrogate, which the API refuses on input, never comes out as invalid UTF-8 (System.Text.Json writes U+FFFD).
/// </summary>
public sealed class MinimalJsonEncoder : JavaScriptEncoder
{
    /// <summary>The one instance; it keeps no state.</summary>
    public static MinimalJsonEncoder Instance { get; } = new();

    private MinimalJsonEncoder()
    {
    }

    /// <summary><c>\uXXXX</c>.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 6;

    /// <inheritdoc />
    public override bool WillEncode(int unicodeScalar) => unicodeScalar is < 0x20 or '"' or '\\' or (>= 0xD800 and <= 0xDFFF);

    /// <inheritdoc />
    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            var c = text[i];
            if (c < 0x20 || c == '"' || c == '\\' || char.IsLowSurrogate(c))
            {
                return i;
            }
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= textLength || !char.IsLowSurrogate(text[i + 1]))
                {
                    return i;
                }
                i++;
            }
        }
        return -1;
    }

    /// <inheritdoc />
    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        if (!WillEncode(unicodeScalar))
        {
            var written = new Span<char>(buffer, bufferLength);
            if (new System.Text.Rune(unicodeScalar).TryEncodeToUtf16(written, out numberOfCharactersWritten))
            {
                return true;
            }
            numberOfCharactersWritten = 0;
            return false;
        }
        var escape = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\b' => "\\b",
            '\f' => "\\f",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            _ => $"\\u{unicodeScalar:x4}",
        };
        if (escape.Length > bufferLength)
        {
            numberOfCharactersWritten = 0;
            return false;
        }
        escape.AsSpan().CopyTo(new Span<char>(buffer, bufferLength));
        numberOfCharactersWritten = escape.Length;
        return true;
    }
}
