namespace Libromi.Connect.Webhooks.Json;

/// <summary>
/// A decimal number in scientific form, <c>0.d1d2...dk × 10^PointPosition</c>, with no leading or
/// trailing zero digits, so two spellings of one value compare equal digit for digit.
/// </summary>
internal readonly ref struct DecimalNumber
{
    /// <summary>Exponents beyond this only arise for values that are zero or infinite as doubles anyway.</summary>
    private const long ExponentClamp = 1_000_000_000_000_000;

    private DecimalNumber(bool isNegative, ReadOnlySpan<byte> digits, long pointPosition)
    {
        IsNegative = isNegative;
        Digits = digits;
        PointPosition = pointPosition;
    }

    public bool IsNegative { get; }

    /// <summary>Significant ASCII digits; empty for zero.</summary>
    public ReadOnlySpan<byte> Digits { get; }

    public long PointPosition { get; }

    public bool IsZero => Digits.IsEmpty;

    /// <summary>
    /// Reads an ASCII number such as a JSON literal or .NET's round-trip format ("1.5E-07").
    /// <paramref name="scratch"/> must hold as many bytes as <paramref name="text"/>.
    /// </summary>
    public static DecimalNumber Parse(ReadOnlySpan<byte> text, Span<byte> scratch)
    {
        var i = 0;
        var negative = false;
        if (i < text.Length && (text[i] == '-' || text[i] == '+'))
        {
            negative = text[i] == '-';
            i++;
        }

        var count = 0;
        var integerDigits = 0;
        var seenPoint = false;
        for (; i < text.Length && text[i] != 'e' && text[i] != 'E'; i++)
        {
            if (text[i] == '.')
            {
                seenPoint = true;
                continue;
            }

            scratch[count++] = text[i];
            if (!seenPoint)
            {
                integerDigits++;
            }
        }

        var exponent = i < text.Length ? ParseExponent(text[(i + 1)..]) : 0;
        var digits = scratch[..count];
        var leading = 0;
        while (leading < digits.Length && digits[leading] == '0')
        {
            leading++;
        }

        digits = digits[leading..].TrimEnd((byte)'0');
        return new DecimalNumber(negative, digits, integerDigits - leading + exponent);
    }

    /// <summary>True when both denote the same real number; the sign of zero is ignored.</summary>
    public bool ValueEquals(DecimalNumber other) =>
        IsZero
            ? other.IsZero
            : IsNegative == other.IsNegative && PointPosition == other.PointPosition && Digits.SequenceEqual(other.Digits);

    private static long ParseExponent(ReadOnlySpan<byte> text)
    {
        var negative = false;
        if (!text.IsEmpty && (text[0] == '-' || text[0] == '+'))
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        long value = 0;
        foreach (var b in text)
        {
            value = Math.Min((value * 10) + (b - '0'), ExponentClamp);
        }

        return negative ? -value : value;
    }
}
