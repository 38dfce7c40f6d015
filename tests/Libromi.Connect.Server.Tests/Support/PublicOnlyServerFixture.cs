using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Support;

/// <summary>A server configured as in production: <c>Delivery:AllowPrivateNetworks=false</c>.</summary>
public sealed class PublicOnlyServerFixture : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Delivery:AllowPrivateNetworks"] = "false" });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
