using System.Globalization;
using System.Text;

namespace Libromi.Connect.Server.Api;

/// <summary>
/// A validated <c>limit</c> and <c>cursor</c>. Lists run newest first; the cursor is the opaque position after the last
/// item of the previous page (the last id, base64url-encoded).
/// </summary>
public sealed record PageRequest(int Limit, string? After)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>Reads <c>limit</c> and <c>cursor</c> into <paramref name="page"/>; the errors, or null when both are valid.</summary>
    public static Dictionary<string, string[]>? Parse(string? limit, string? cursor, string idPrefix, out PageRequest page)
    {
        var validator = new Validator();
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > MaxLimit))
        {
            validator.Add("limit", $"'limit' must be a whole number from 1 to {MaxLimit}.");
        }
        string? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            after = Decode(cursor);
            if (after is null || !after.StartsWith(idPrefix + "_", StringComparison.Ordinal) || !IsIdText(after))
            {
                validator.Add("cursor", "'cursor' is not a cursor this list returned; pass 'next_cursor' from the previous page unchanged.");
            }
        }
        page = new PageRequest(size, after);
        return validator.Errors();
    }

    // Ids are ASCII letters, digits and '_': anything else (a NUL, invalid UTF-8 decoded as U+FFFD) was never a cursor.
    private static bool IsIdText(string id) => id.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    public Page<T> ToPage<T>(List<T> rowsPlusOne, Func<T, string> idOf)
    {
        if (rowsPlusOne.Count <= Limit)
        {
            return new Page<T>(rowsPlusOne, null);
        }
        rowsPlusOne.RemoveAt(rowsPlusOne.Count - 1);
        return new Page<T>(rowsPlusOne, Encode(idOf(rowsPlusOne[^1])));
    }

    public static string Encode(string id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(id)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Decode(string cursor)
    {
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? Encoding.UTF8.GetString(buffer, 0, written) : null;
    }
}
