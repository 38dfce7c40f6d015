using Libromi.Connect.Client;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Cli.Tests.Support;

/// <summary>One real server per test class, with webhook retries fast enough for a test.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;

    public LibromiClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync(FastRetries);
        Client = ClientFor(Server);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public static Dictionary<string, string?> FastRetries => new()
    {
        ["Delivery:RetrySchedule:0"] = "00:00:00.2",
        ["Delivery:RetrySchedule:1"] = "00:00:00.5",
        ["Delivery:RetrySchedule:2"] = "00:00:01",
    };

    public static LibromiClient ClientFor(TestServer server) => new(new LibromiClientOptions { ApiKey = server.ApiKey, BaseUrl = server.BaseAddress });
}
