using Libromi.Connect.Testing;

namespace Libromi.Connect.Client.Tests.Support;

/// <summary>
/// One real server per test class. Each test takes an account of its own, so lists and counts see only its own data.
/// Failed webhook attempts are retried after 50 ms instead of minutes, so a delivery fails for good within a test.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Delivery:RetrySchedule:0"] = "00:00:00.05",
        ["Delivery:RetrySchedule:1"] = "00:00:00.05",
        ["Delivery:RetrySchedule:2"] = "00:00:00.05",
    });

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Options for a fresh account of this server, with retries fast enough for tests.</summary>
    public async Task<LibromiClientOptions> NewAccountAsync() => new()
    {
        ApiKey = await Server.CreateAccountAsync(),
        BaseUrl = Server.BaseAddress,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
    };

    public async Task<LibromiClient> NewClientAsync() => new(await NewAccountAsync());
}
