using System.Text.Json;

namespace Libromi.Connect.Cli.Tests;

/// <summary>The tool is a console app on the client: what it needs installed is what any client user needs.</summary>
public sealed class CliRuntimeTests
{
    [Fact]
    public void The_libromi_tool_runs_on_the_plain_dotnet_runtime_without_AspNetCore()
    {
        using var config = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "libromi.runtimeconfig.json")));
        var options = config.RootElement.GetProperty("runtimeOptions");
        var frameworks = options.TryGetProperty("frameworks", out var many) ? many.EnumerateArray().ToList() : [options.GetProperty("framework")];

        Assert.Equal(["Microsoft.NETCore.App"], frameworks.Select(f => f.GetProperty("name").GetString()));
    }
}
