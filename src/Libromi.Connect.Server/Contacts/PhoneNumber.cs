namespace Libromi.Connect.Server.Contacts;

/// <summary>
/// Phone numbers are compared by their digits: "+1 (234) 567-890" and "1234567890" are the same number, stored as
/// "+1234567890". Spaces, dots, dashes and parentheses are allowed for readability; a '+' only in front.
/// </summary>
public static class PhoneNumber
{
    public const int MinDigits = 6;
    public const int MaxDigits = 15;

    public static bool TryNormalize(string? input, out string normalized, out string error)
    {
        normalized = "";
        error = "";
        if (string.IsNullOrWhiteSpace(input))
        {
            error = "'phone' is required, for example \"+441234567890\".";
            return false;
        }
        var text = input.Trim();
        Span<char> digits = stackalloc char[MaxDigits + 1];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9')
            {
                if (count == MaxDigits)
                {
                    error = $"'phone' has more than {MaxDigits} digits; international numbers have at most {MaxDigits}.";
                    return false;
                }
                digits[count++] = c;
            }
            else if (c == '+' && i == 0)
            {
                continue;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                error = $"'phone' may contain only digits, spaces, dots, dashes, parentheses and a leading '+'; found '{c}'.";
                return false;
            }
        }
        if (count < MinDigits)
        {
            error = $"'phone' must have at least {MinDigits} digits, including the country code.";
            return false;
        }
        normalized = "+" + new string(digits[..count]);
        return true;
    }
}
