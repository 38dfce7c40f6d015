using System.Globalization;

namespace Libromi.Connect.Webhooks.Json;

/// <summary>Formats doubles exactly as ECMAScript's Number::toString does.</summary>
internal static class JavaScriptNumberFormatter
{
    /// <summary>Enough for "-1.2345678901234567e-308" and for 21-digit integers.</summary>
    public const int MaxLength = 32;

    /// <summary>2^53: below it every integral double prints as a plain integer in both runtimes.</summary>
    private const double ExactIntegerLimit = 9007199254740992d;

    /// <summary>Writes a finite <paramref name="value"/>; returns the bytes written.</summary>
    public static int Format(double value, Span<byte> destination)
    {
        if (value == 0)
        {
            destination[0] = (byte)'0';
            return 1;
        }

        int written;
        if (double.IsInteger(value) && Math.Abs(value) < ExactIntegerLimit)
        {
            ((long)value).TryFormat(destination, out written, default, CultureInfo.InvariantCulture);
            return written;
        }

        // .NET's "R" yields the same shortest round-trip digits as ECMAScript; only the layout differs.
        Span<byte> raw = stackalloc byte[MaxLength];
        value.TryFormat(raw, out written, "R", CultureInfo.InvariantCulture);
        Span<byte> scratch = stackalloc byte[MaxLength];
        var number = DecimalNumber.Parse(raw[..written], scratch);
        return Layout(number, destination);
    }

    private static int Layout(DecimalNumber number, Span<byte> destination)
    {
        var digits = number.Digits;
        var k = digits.Length;
        var n = (int)number.PointPosition;
        var at = 0;
        if (number.IsNegative)
        {
            destination[at++] = (byte)'-';
        }

        if (k <= n && n <= 21)
        {
            digits.CopyTo(destination[at..]);
            at += k;
            destination.Slice(at, n - k).Fill((byte)'0');
            return at + n - k;
        }

        if (0 < n && n <= 21)
        {
            digits[..n].CopyTo(destination[at..]);
            at += n;
            destination[at++] = (byte)'.';
            digits[n..].CopyTo(destination[at..]);
            return at + k - n;
        }

        if (-6 < n && n <= 0)
        {
            destination[at++] = (byte)'0';
            destination[at++] = (byte)'.';
            destination.Slice(at, -n).Fill((byte)'0');
            at += -n;
            digits.CopyTo(destination[at..]);
            return at + k;
        }

        destination[at++] = digits[0];
        if (k > 1)
        {
            destination[at++] = (byte)'.';
            digits[1..].CopyTo(destination[at..]);
            at += k - 1;
        }

        var exponent = n - 1;
        destination[at++] = (byte)'e';
        destination[at++] = exponent < 0 ? (byte)'-' : (byte)'+';
        Math.Abs(exponent).TryFormat(destination[at..], out var expWritten, default, CultureInfo.InvariantCulture);
        return at + expWritten;
    }
}
