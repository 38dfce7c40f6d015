using System.Globalization;
using System.Buffers;
using System.Text;

namespace Libromi.Connect.Webhooks.Json;

/// <summary>Builds the path segments of a <see cref="JsonRepresentabilityError"/>.</summary>
internal static class JsonPath
{
    public static string Property(string parent, string name) =>
        IsIdentifier(name) ? $"{parent}.{name}" : $"{parent}[{Quote(name)}]";

    public static string Index(string parent, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");

    /// <summary>Quotes as JavaScript would, so even a key with a lone surrogate prints safely.</summary>
    private static string Quote(string name)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var output = new Utf8Output(buffer);
        JavaScriptStringWriter.Write(ref output, name);
        output.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '$')
            {
                return false;
            }
        }

        return true;
    }
}
