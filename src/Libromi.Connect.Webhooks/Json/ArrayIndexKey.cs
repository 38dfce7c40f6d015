namespace Libromi.Connect.Webhooks.Json;

/// <summary>
/// Recognises the property names that ECMAScript treats as array indices, which
/// <c>JSON.stringify</c> emits before every other key, in ascending numeric order.
/// </summary>
internal static class ArrayIndexKey
{
    /// <summary>The largest array index: 2^32 - 2.</summary>
    private const uint MaxIndex = uint.MaxValue - 1;

    public static bool TryParse(string key, out uint index)
    {
        index = 0;
        if (key.Length is 0 or > 10 || (key[0] == '0' && key.Length > 1))
        {
            return false;
        }

        ulong value = 0;
        foreach (var c in key)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (uint)(c - '0');
        }

        if (value > MaxIndex)
        {
            return false;
        }

        index = (uint)value;
        return true;
    }
}
