using System.Buffers;
using System.Text.Unicode;

namespace Libromi.Connect.Webhooks.Json;

/// <summary>
/// Writes JSON strings the way <c>JSON.stringify</c> does: only quote, backslash and C0 controls
/// are escaped, everything else goes out literally as UTF-8, and lone surrogates become \uXXXX.
/// </summary>
internal static class JavaScriptStringWriter
{
    /// <summary>Chars transcoded per step, so huge strings never demand one huge span.</summary>
    private const int ChunkChars = 2048;

    private static readonly SearchValues<char> MustEscape = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    public static void Write(ref Utf8Output output, ReadOnlySpan<char> value)
    {
        output.WriteByte((byte)'"');
        while (!value.IsEmpty)
        {
            var stop = value.IndexOfAny(MustEscape);
            var run = stop < 0 ? value : value[..stop];
            WriteLiteralRun(ref output, run);
            if (stop < 0)
            {
                break;
            }

            WriteEscape(ref output, value[stop]);
            value = value[(stop + 1)..];
        }

        output.WriteByte((byte)'"');
    }

    private static void WriteLiteralRun(ref Utf8Output output, ReadOnlySpan<char> run)
    {
        while (!run.IsEmpty)
        {
            var take = Math.Min(run.Length, ChunkChars);
            if (take < run.Length && char.IsHighSurrogate(run[take - 1]))
            {
                take--;
            }

            var chunk = run[..take];
            var destination = output.GetSpan(chunk.Length * 3);
            var status = Utf8.FromUtf16(chunk, destination, out var read, out var written, replaceInvalidSequences: false);
            output.Advance(written);
            if (status == OperationStatus.InvalidData)
            {
                // The transcoder stops exactly at the unpaired surrogate.
                WriteEscape(ref output, chunk[read]);
                read++;
            }

            run = run[read..];
        }
    }

    private static void WriteEscape(ref Utf8Output output, char c)
    {
        var span = output.GetSpan(6);
        span[0] = (byte)'\\';
        var shortForm = c switch
        {
            '"' => (byte)'"',
            '\\' => (byte)'\\',
            '\b' => (byte)'b',
            '\f' => (byte)'f',
            '\n' => (byte)'n',
            '\r' => (byte)'r',
            '\t' => (byte)'t',
            _ => (byte)0,
        };
        if (shortForm != 0)
        {
            span[1] = shortForm;
            output.Advance(2);
            return;
        }

        span[1] = (byte)'u';
        span[2] = HexDigit(c >> 12);
        span[3] = HexDigit(c >> 8);
        span[4] = HexDigit(c >> 4);
        span[5] = HexDigit(c);
        output.Advance(6);
    }

    private static byte HexDigit(int value) => "0123456789abcdef"u8[value & 0xF];
}
