using System.Text.Json;

namespace Libromi.Connect.Cli.Tests.Support;

/// <summary>What one run of the CLI left: its exit code and what it wrote where.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Output).RootElement;

    public override string ToString() => $"exit {ExitCode}\n--- output ---\n{Output}\n--- error ---\n{Error}";
}
