using Libromi.Connect.Cli.Output;
using Libromi.Connect.Client;

namespace Libromi.Connect.Cli.ApiKeys;

/// <summary>How an API key prints: a row in lists, a record on its own (with the key, the once it is shown).</summary>
internal static class ApiKeyView
{
    public static readonly string[] Headers = ["ID", "PREFIX", "NAME", "SCOPE", "CREATED", "LAST USED"];

    public static string?[] Row(ApiKey k) => [k.Id, k.Prefix, k.Name, k.Scope, Cells.Time(k.CreatedAt), Cells.Time(k.LastUsedAt)];

    public static void Print(CliOutput output, ApiKey k) => output.Show(k, o => o.Record(
    [
        ("id", k.Id),
        ("name", k.Name),
        ("scope", k.Scope),
        ("key", k.Key),
        ("created", Cells.Time(k.CreatedAt)),
    ]));
}
