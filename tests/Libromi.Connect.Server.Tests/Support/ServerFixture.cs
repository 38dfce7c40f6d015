using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Support;

/// <summary>
/// One real server per test class. Each test opens its own account with <see cref="NewTenantAsync"/>, so counts and
/// lists start empty without paying for a server start per test.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A client for a brand-new account with no data.</summary>
    public async Task<HttpClient> NewTenantAsync() => Server.CreateClient(await Server.CreateAccountAsync());
}
