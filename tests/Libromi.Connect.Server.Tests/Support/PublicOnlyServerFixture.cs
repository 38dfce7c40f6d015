using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Support;

/// <summary>A server as started in production: <c>Delivery:AllowPrivateNetworks</c> not set, so the SSRF guard is on.</summary>
public sealed class PublicOnlyServerFixture : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Delivery:AllowPrivateNetworks"] = null });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
