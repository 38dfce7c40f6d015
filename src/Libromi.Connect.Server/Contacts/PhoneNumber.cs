namespace Libromi.Connect.Server.Contacts;

/// <summary>
/// Phone numbers are compared by their digits: "+1 (234) 567-890" and "1234567890" are the same number, stored as
/// "+1234567890". Spaces, dots, dashes and parentheses are allowed for readability; a '+' only in front.
/// </summary>
public static class PhoneNumber
{
    public const int MinDigits = 6;
    public const int MaxDigits = 15;

    /// <summary>The normalised number, or null after adding the reason to <paramref name="validator"/> under <paramref name="field"/>.</summary>
    public static string? Validate(Api.Validator validator, string field, string? input)
    {
        if (TryNormalize(input, field, out var normalized, out var error))
        {
            return normalized;
        }
        validator.Add(field, error);
        return null;
    }

    private static bool TryNormalize(string? input, string field, out string normalized, out string error)
    {
        normalized = "";
        error = "";
        if (string.IsNullOrWhiteSpace(input))
        {
            error = $"'{field}' is required, for example \"+441234567890\".";
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
                    error = $"'{field}' has more than {MaxDigits} digits; international numbers have at most {MaxDigits}.";
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
                error = $"'{field}' may contain only digits, spaces, dots, dashes, parentheses and a leading '+'; found '{c}'.";
                return false;
            }
        }
        if (count < MinDigits)
        {
            error = $"'{field}' must have at least {MinDigits} digits, including the country code.";
            return false;
        }
        normalized = "+" + new string(digits[..count]);
        return true;
    }
}
