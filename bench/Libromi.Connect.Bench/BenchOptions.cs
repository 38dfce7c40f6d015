namespace Libromi.Connect.Bench;

/// <summary>Command-line options of the driver.</summary>
public sealed record BenchOptions(bool Quick, IReadOnlySet<string> Scenarios, string Output)
{
    public static readonly string[] AllScenarios = ["micro", "endtoend", "raw", "delivery", "latency", "ingest", "backlog", "failing", "hangfire", "api", "postgres", "ordering", "filters", "soak"];

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Libromi.Connect.Bench -- [--quick] [--scenario NAME]... [--output FILE]
          --quick       small sizes, finishes in a few minutes (a smoke check, not a measurement)
          --scenario    one of micro, endtoend, raw, delivery, latency, ingest, backlog, failing, hangfire, api, postgres,
                        ordering, filters, soak
                        (repeatable; default all)
          --output      the Markdown file to write (default: BENCHMARKS.md at the repository root for a full run,
                        BENCHMARKS.partial.md beside it for --quick or selected scenarios, so those never replace it)
        """;

    /// <summary>True when <paramref name="name"/> was asked for, or nothing was.</summary>
    public bool Runs(string name) => Scenarios.Count == 0 || Scenarios.Contains(name);

    public static BenchOptions? Parse(string[] args)
    {
        var quick = false;
        var scenarios = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--scenario" when i + 1 < args.Length && AllScenarios.Contains(args[i + 1], StringComparer.OrdinalIgnoreCase):
                    scenarios.Add(args[++i]);
                    break;
                case "--output" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                default:
                    return null;
            }
        }
        var file = quick || scenarios.Count > 0 ? "BENCHMARKS.partial.md" : "BENCHMARKS.md";
        return new BenchOptions(quick, scenarios, output ?? Path.Combine(RepositoryRoot(), file));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Libromi.Connect.slnx")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
