using System.Globalization;

namespace Libromi.Connect.Cli.Output;

/// <summary>How values print in tables and records.</summary>
internal static class Cells
{
    public static string Time(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    public static string List(IEnumerable<string>? values) => values is null ? "" : string.Join(",", values);

    public static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
