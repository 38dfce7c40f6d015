using System.Globalization;
using PhoneNumbers;
using Parsed = PhoneNumbers.PhoneNumber;

namespace Libromi.Connect.Server.Contacts;

/// <summary>
/// Phone numbers, read with libphonenumber (the port of Google's) and stored in E.164, so that "07700 900123" typed in
/// the UK and "+44 7700 900123" from the channel are one contact. A number in national format is read in the account's
/// default region; without one only international format is accepted. A number is refused when it cannot be a full
/// number of its country (too short, too long, an unknown country code); one dialable only within its area counts as
/// too short. The stricter validity check is not used: its metadata lags newly assigned ranges, and a real customer's
/// new number must not be refused (reserved ranges such as +1 555 01xx stay accepted too).
/// </summary>
public static class PhoneNumber
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The regions a <c>default_region</c> may name: ISO 3166 alpha-2 codes that have a calling code.</summary>
    public static IReadOnlySet<string> Regions { get; } = Util.GetSupportedRegions();

    /// <summary>The number in E.164, or null after adding why not (and what was probably meant) to <paramref name="validator"/>.</summary>
    public static string? Validate(Api.Validator validator, string field, string? input, string? defaultRegion)
    {
        if (TryParse(input, field, defaultRegion, out var e164, out var error))
        {
            return e164;
        }
        validator.Add(field, error);
        return null;
    }

    /// <summary>The international format of a stored number, for display ("+44 7700 900123"); the stored text when it cannot be read.</summary>
    public static string Formatted(string e164)
    {
        try
        {
            return Util.Format(Util.Parse(e164, null), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }

    /// <summary>The E.164 form of a stored number as it reads today, or null when it cannot be a full number (see the migration check).</summary>
    public static string? Normalize(string stored) => TryParse(stored, "phone", null, out var e164, out _) ? e164 : null;

    private static bool TryParse(string? input, string field, string? defaultRegion, out string e164, out string error)
    {
        e164 = "";
        error = "";
        if (string.IsNullOrWhiteSpace(input))
        {
            error = $"'{field}' is required, in international format such as \"+44 7700 900123\".";
            return false;
        }
        var text = input.Trim();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!(c is >= '0' and <= '9' or ' ' or '-' or '.' or '(' or ')' || (c == '+' && i == 0)))
            {
                error = $"'{field}' may contain only digits, spaces, dots, dashes, parentheses and a leading '+'; found '{c}'.";
                return false;
            }
        }
        var international = text.StartsWith('+');
        if (!international && defaultRegion is null)
        {
            error = $"'{field}' must be in international format, starting with + and the country code, such as \"+44 7700 900123\"; "
                + "set the account's default_region (PATCH /api/v1/account) to accept national numbers." + Suggestion(text);
            return false;
        }
        Parsed number;
        try
        {
            number = Util.Parse(text, international ? null : defaultRegion);
        }
        catch (NumberParseException e)
        {
            error = e.ErrorType switch
            {
                ErrorType.INVALID_COUNTRY_CODE => $"'{field}' starts with a country code that does not exist.",
                ErrorType.TOO_LONG => $"'{field}' is too long to be a phone number.",
                _ => $"'{field}' is too short to be a phone number.",
            } + (international ? "" : Suggestion(text));
            return false;
        }
        var country = "+" + number.CountryCode.ToString(CultureInfo.InvariantCulture);
        var where = Util.GetRegionCodeForCountryCode(number.CountryCode) is { } region && region != "ZZ" && region != "001"
            ? $"{region} ({country})"
            : country;
        error = Util.IsPossibleNumberWithReason(number) switch
        {
            PhoneNumberUtil.ValidationResult.IS_POSSIBLE => "",
            PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE => $"'{field}' starts with a country code that does not exist.",
            PhoneNumberUtil.ValidationResult.TOO_LONG => $"'{field}' is too long for a number of {where}.",
            PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY =>
                $"'{field}' is too short for a number of {where}: it could be dialled only within its area; include the area code.",
            PhoneNumberUtil.ValidationResult.INVALID_LENGTH => $"'{field}' does not have a length numbers of {where} have.",
            _ => $"'{field}' is too short for a number of {where}.",
        };
        if (error.Length > 0)
        {
            if (!international)
            {
                error += Suggestion(text);
            }
            return false;
        }
        e164 = Util.Format(number, PhoneNumberFormat.E164);
        return true;
    }

    /// <summary>" Did you mean …?" when the digits read as an international number (the '+' left out), else "".</summary>
    private static string Suggestion(string text)
    {
        try
        {
            var number = Util.Parse("+" + text, null);
            return Util.IsPossibleNumberWithReason(number) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE
                ? $" Did you mean \"{Util.Format(number, PhoneNumberFormat.INTERNATIONAL)}\"?"
                : "";
        }
        catch (NumberParseException)
        {
            return "";
        }
    }
}
