namespace Libromi.Connect.Cli.Infrastructure;

/// <summary>Reads option values such as <c>--events message.received,contact.created</c>.</summary>
internal static class CommaList
{
    public static IReadOnlyList<string>? Split(string? value) =>
        value is null ? null : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
