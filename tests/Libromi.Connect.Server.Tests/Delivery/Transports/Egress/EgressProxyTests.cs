using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Delivery.Outcomes;
using Libromi.Connect.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Delivery.Transports.Egress;

/// <summary>Deliveries through a real loopback forward proxy that logs what it relays, to real receivers.</summary>
public sealed class EgressProxyTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero));
    private readonly TestProxy _proxy = TestProxy.Start();
    private TestReceiver _receiver = null!;

    public async ValueTask DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_delivery_to_an_http_endpoint_goes_through_the_proxy_in_absolute_form()
    {
        using var attempts = await StartAsync(new DeliveryOptions { AllowPrivateNetworks = true, Proxy = _proxy.Url.AbsoluteUri });

        var outcome = await attempts.SendAsync(TransportAttempts.Target(_receiver.Url));

        Assert.IsType<Delivered>(outcome);
        var relayed = Assert.Single(_proxy.Requests);
        Assert.Equal($"POST {_receiver.Url.AbsoluteUri} HTTP/1.1", relayed.RequestLine);
        Assert.Single(_receiver.Received);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("example.com, 127.0.0.1.")]
    [InlineData("*")]
    public async Task A_host_in_NoProxy_is_connected_to_directly(string noProxy)
    {
        using var attempts = await StartAsync(new DeliveryOptions { AllowPrivateNetworks = true, Proxy = _proxy.Url.AbsoluteUri, NoProxy = noProxy });

        var outcome = await attempts.SendAsync(TransportAttempts.Target(_receiver.Url));

        Assert.IsType<Delivered>(outcome);
        Assert.Empty(_proxy.Requests);
        Assert.Single(_receiver.Received);
    }

    [Fact]
    public async Task Proxy_credentials_arrive_as_Proxy_Authorization_when_the_proxy_asks_for_them()
    {
        _proxy.RequiredCredentials = "ops:p@ss word";
        using var attempts = await StartAsync(new DeliveryOptions { AllowPrivateNetworks = true, Proxy = ProxyWith("ops:p%40ss%20word") });

        var outcome = await attempts.SendAsync(TransportAttempts.Target(_receiver.Url));

        Assert.IsType<Delivered>(outcome);
        Assert.Equal(["(none)", "Basic b3BzOnBAc3Mgd29yZA=="], _proxy.Requests.Select(r => r.Headers.GetValueOrDefault("Proxy-Authorization", "(none)")));
        Assert.DoesNotContain(_receiver.Received.Single().Headers.Keys, k => k.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("http")]
    [InlineData("https")]
    public async Task Proxy_credentials_the_proxy_refuses_never_appear_in_the_attempt_error(string scheme)
    {
        _proxy.RequiredCredentials = "ops:right";
        using var attempts = await StartAsync(new DeliveryOptions { AllowPrivateNetworks = true, Proxy = ProxyWith("ops:wr0ng-pa55") });

        var failed = Assert.IsType<Failed>(await attempts.SendAsync(TransportAttempts.Target(new UriBuilder(_receiver.Url) { Scheme = scheme }.Uri)));

        Assert.Contains("407", failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wr0ng-pa55", failed.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("b3BzOndyMG5nLXBhNTU", failed.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{0}/webhook")]
    [InlineData("http://localhost:{0}/webhook")]
    [InlineData("https://10.1.2.3/webhook")]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data")]
    public async Task A_target_the_ssrf_guard_forbids_is_refused_before_anything_reaches_the_proxy(string url)
    {
        using var attempts = await StartAsync(new DeliveryOptions { Proxy = _proxy.Url.AbsoluteUri });

        var failed = Assert.IsType<Failed>(await attempts.SendAsync(TransportAttempts.Target(new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, _receiver.Url.Port)))));

        Assert.Equal(ErrorKinds.BlockedAddress, failed.Kind);
        Assert.Contains("through the proxy neither", failed.Error, StringComparison.Ordinal);
        Assert.Empty(_proxy.Requests);
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task With_the_guard_on_an_allowed_target_goes_through_a_proxy_on_a_private_address()
    {
        _proxy.Route = (_, _) => ("127.0.0.1", _receiver.Url.Port);
        using var attempts = await StartAsync(new DeliveryOptions { Proxy = _proxy.Url.AbsoluteUri });

        var outcome = await attempts.SendAsync(TransportAttempts.Target(new Uri("http://93.184.215.14:8080/webhook")));

        Assert.IsType<Delivered>(outcome);
        Assert.Equal("POST http://93.184.215.14:8080/webhook HTTP/1.1", Assert.Single(_proxy.Requests).RequestLine);
        Assert.Single(_receiver.Received);
    }

    [Fact]
    public async Task With_the_guard_on_a_NoProxy_host_is_still_guarded_at_connect_time()
    {
        using var attempts = await StartAsync(new DeliveryOptions { Proxy = _proxy.Url.AbsoluteUri, NoProxy = "127.0.0.1" });

        var failed = Assert.IsType<Failed>(await attempts.SendAsync(TransportAttempts.Target(_receiver.Url)));

        Assert.Equal(ErrorKinds.BlockedAddress, failed.Kind);
        Assert.Empty(_proxy.Requests);
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task A_delivery_registered_through_the_api_goes_through_the_configured_proxy()
    {
        _receiver = await TestReceiver.StartAsync();
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Delivery:Proxy"] = _proxy.Url.AbsoluteUri });
        using var api = server.CreateClient();
        var webhook = await api.PostOkAsync("webhooks", new { url = _receiver.Url, events = new[] { "contact.created" } });

        await api.PostOkAsync("contacts", new { name = "Ada", phone = "+14155550101" });
        await _receiver.NextAsync();

        Assert.Equal($"POST {_receiver.Url.AbsoluteUri} HTTP/1.1", Assert.Single(_proxy.Requests).RequestLine);
        Assert.StartsWith("whk_", webhook.Str("id"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("proxy.internal:3128")]
    [InlineData("https://proxy.internal:3128")]
    [InlineData("http://ops:hunter2@proxy.internal:3128/some/path")]
    [InlineData("socks5://ops:hunter2@proxy.internal:1080")]
    public async Task A_Delivery_Proxy_that_is_not_an_http_proxy_url_stops_the_server_at_start_without_repeating_it(string proxy)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestServer.StartAsync(new Dictionary<string, string?> { ["Delivery:Proxy"] = proxy }));

        Assert.Contains("Delivery:Proxy must be an HTTP proxy URL such as http://proxy.internal:3128", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure.Message, StringComparison.Ordinal);
    }

    private async Task<TransportAttempts> StartAsync(DeliveryOptions options)
    {
        _receiver = await TestReceiver.StartAsync();
        return new TransportAttempts(options, _time);
    }

    private string ProxyWith(string userInfo) => $"http://{userInfo}@127.0.0.1:{_proxy.Url.Port}";
}
