using Libromi.Connect.Server.Hosting.Health;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Hosting.Health;

/// <summary><c>Libromi.Connect.Server probe URL</c>, the container health check: exit 0 on 200, 1 on 503 or no answer.</summary>
public sealed class ProbeCommandTests
{
    [Fact]
    public async Task The_probe_exits_0_while_ready_and_1_once_the_file_is_gone_or_nothing_listens()
    {
        await using var server = await TestServer.StartAsync();
        var ready = new Uri(server.BaseAddress, HealthEndpoints.Ready).ToString();

        Assert.Equal(0, await ProbeCommand.RunAsync(["probe", ready]));
        File.Move(server.DatabasePath, server.DatabasePath + ".aside");
        Assert.Equal(1, await ProbeCommand.RunAsync(["probe", ready]));
        Assert.Equal(0, await ProbeCommand.RunAsync(["probe", new Uri(server.BaseAddress, HealthEndpoints.Live).ToString()]));
        File.Move(server.DatabasePath + ".aside", server.DatabasePath);

        await server.StopAsync();
        Assert.Equal(1, await ProbeCommand.RunAsync(["probe", ready]));
        Assert.Equal(2, await ProbeCommand.RunAsync(["probe", "not a url"]));
    }
}
