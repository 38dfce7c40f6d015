using Libromi.Connect.Server.Delivery.Transports;
using Libromi.Connect.Server.Tests.Delivery;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Delivery.Transports;

/// <summary>The connect-time guard, on a real HttpClient with the delivery engine's ConnectCallback, against a real receiver.</summary>
public sealed class GuardedConnectorTests
{
    [Theory]
    [MemberData(nameof(InternalHosts.Spellings), MemberType = typeof(InternalHosts))]
    public async Task Every_spelling_that_registration_refuses_is_refused_at_connect_time_too(string host)
    {
        await using var receiver = await TestReceiver.StartAsync();
        using var client = GuardedClient();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync($"http://{host}:{receiver.Url.Port}/webhook", new StringContent("{}")));

        Assert.True(error.InnerException is BlockedAddressException, $"{host}: expected a blocked address, got {error}");
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task A_host_name_that_resolves_to_loopback_is_refused_and_names_the_host()
    {
        await using var receiver = await TestReceiver.StartAsync();
        using var client = GuardedClient();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync($"http://localhost:{receiver.Url.Port}/webhook", new StringContent("{}")));

        var blocked = Assert.IsType<BlockedAddressException>(error.InnerException);
        Assert.Contains("localhost", blocked.Message, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }

    private static HttpClient GuardedClient() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        ConnectCallback = GuardedConnector.ConnectAsync,
        // Only reached if the guard lets a private address through: fail instead of waiting for the OS timeout.
        ConnectTimeout = TimeSpan.FromSeconds(5),
    });
}
