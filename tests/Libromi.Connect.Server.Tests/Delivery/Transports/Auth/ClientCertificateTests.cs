using System.Net;
using System.Security.Authentication;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Delivery.Outcomes;
using Libromi.Connect.Server.Delivery.Transports.Auth;
using Libromi.Connect.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Delivery.Transports.Auth;

/// <summary>Mutual TLS through the real transport, to a real HTTPS receiver that requires a certificate from a CA made in the test.</summary>
public sealed class ClientCertificateTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero));
    private readonly TestCertificates _certificates = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("libromi-mtls-").FullName;
    private TlsReceiver _receiver = null!;

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _certificates.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_webhook_presenting_its_client_certificate_is_delivered_to_a_receiver_that_requires_one()
    {
        using var attempts = await StartAsync();
        var client = _certificates.Client();

        var outcome = await attempts.SendAsync(TransportAttempts.Target(_receiver.Url, new ClientCertificateAuth(client.CertificatePem, client.PrivateKeyPem)));

        Assert.Equal(200, Assert.IsType<Delivered>(outcome).Response.StatusCode);
        Assert.Equal([client.Certificate.Thumbprint], _receiver.ClientCertificates);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Without_a_client_certificate_the_receiver_refuses_the_attempt(SslProtocols protocols)
    {
        using var attempts = await StartAsync(protocols: protocols);

        var failed = Assert.IsType<Failed>(await attempts.SendAsync(TransportAttempts.Target(_receiver.Url)));

        AssertRefusedCertificate(failed);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task A_client_certificate_from_another_ca_is_refused_by_the_receiver(SslProtocols protocols)
    {
        using var attempts = await StartAsync(protocols: protocols);
        using var stranger = new TestCertificates("Another CA");
        var other = stranger.Client();

        var failed = Assert.IsType<Failed>(await attempts.SendAsync(TransportAttempts.Target(_receiver.Url, new ClientCertificateAuth(other.CertificatePem, other.PrivateKeyPem))));

        AssertRefusedCertificate(failed);
    }

    [Fact]
    public async Task Each_webhook_presents_its_own_certificate_and_a_changed_certificate_replaces_the_old_one()
    {
        using var attempts = await StartAsync();
        var (first, second, third) = (_certificates.Client("one"), _certificates.Client("two"), _certificates.Client("three"));

        await Task.WhenAll(
            attempts.SendAsync(TransportAttempts.Target(_receiver.Url, new ClientCertificateAuth(first.CertificatePem, first.PrivateKeyPem), "whk_1")),
            attempts.SendAsync(TransportAttempts.Target(_receiver.Url, new ClientCertificateAuth(second.CertificatePem, second.PrivateKeyPem), "whk_2")));
        var outcome = await attempts.SendAsync(TransportAttempts.Target(_receiver.Url, new ClientCertificateAuth(third.CertificatePem, third.PrivateKeyPem), "whk_1"));

        Assert.IsType<Delivered>(outcome);
        Assert.Equal(new[] { first.Certificate.Thumbprint, second.Certificate.Thumbprint }.Order(), _receiver.ClientCertificates.Take(2).Order());
        Assert.Equal(third.Certificate.Thumbprint, _receiver.ClientCertificates[^1]);
    }

    [Fact]
    public async Task Without_the_receivers_ca_in_Delivery_TrustedCertificateAuthorities_its_certificate_is_a_tls_error()
    {
        using var attempts = await StartAsync(trustCa: false);
        var client = _certificates.Client();

        var failed = Assert.IsType<Failed>(await attempts.SendAsync(TransportAttempts.Target(_receiver.Url, new ClientCertificateAuth(client.CertificatePem, client.PrivateKeyPem))));

        Assert.Equal(ErrorKinds.Tls, failed.Kind);
        Assert.Empty(_receiver.ClientCertificates);
    }

    [Fact]
    public async Task A_client_certificate_works_through_the_egress_proxys_connect_tunnel()
    {
        await using var proxy = TestProxy.Start();
        using var attempts = await StartAsync(proxy: proxy);
        var client = _certificates.Client();

        var outcome = await attempts.SendAsync(TransportAttempts.Target(_receiver.Url, new ClientCertificateAuth(client.CertificatePem, client.PrivateKeyPem)));

        Assert.IsType<Delivered>(outcome);
        Assert.Equal($"CONNECT 127.0.0.1:{_receiver.Url.Port} HTTP/1.1", Assert.Single(proxy.Requests).RequestLine);
        Assert.Equal([client.Certificate.Thumbprint], _receiver.ClientCertificates);
    }

    [Fact]
    public async Task An_https_delivery_with_the_guard_on_goes_through_the_proxy_to_an_allowed_address()
    {
        _receiver = await TlsReceiver.StartAsync(_certificates, _certificates.Server(IPAddress.Parse("93.184.215.14")));
        await using var proxy = TestProxy.Start();
        proxy.Route = (_, _) => ("127.0.0.1", _receiver.Url.Port);
        using var attempts = new TransportAttempts(new DeliveryOptions { Proxy = proxy.Url.AbsoluteUri, TrustedCertificateAuthorities = _certificates.WriteAuthorityPem(_directory) }, _time);
        var client = _certificates.Client();

        var outcome = await attempts.SendAsync(TransportAttempts.Target(new Uri("https://93.184.215.14:8443/webhook"), new ClientCertificateAuth(client.CertificatePem, client.PrivateKeyPem)));

        Assert.IsType<Delivered>(outcome);
        Assert.Equal("CONNECT 93.184.215.14:8443 HTTP/1.1", Assert.Single(proxy.Requests).RequestLine);
    }

    [Fact]
    public async Task A_certificate_and_key_that_do_not_load_are_a_tls_error_that_does_not_show_the_key()
    {
        using var attempts = await StartAsync();
        var client = _certificates.Client();
        var otherKey = _certificates.Client().PrivateKeyPem;

        var failed = Assert.IsType<Failed>(await attempts.SendAsync(TransportAttempts.Target(_receiver.Url, new ClientCertificateAuth(client.CertificatePem, otherKey))));

        Assert.Equal(ErrorKinds.Tls, failed.Kind);
        Assert.Contains("client certificate and private key cannot be loaded", failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(otherKey.Split('\n')[1], failed.ToString(), StringComparison.Ordinal);
        Assert.Empty(_receiver.ClientCertificates);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_Delivery_TrustedCertificateAuthorities_file_that_is_missing_or_holds_no_certificate_stops_the_server_at_start(bool exists)
    {
        _receiver = await TlsReceiver.StartAsync(_certificates, _certificates.Server());
        var path = Path.Combine(_directory, "bundle.pem");
        if (exists)
        {
            await File.WriteAllTextAsync(path, "not a certificate");
        }

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestServer.StartAsync(new Dictionary<string, string?> { ["Delivery:TrustedCertificateAuthorities"] = path }));

        Assert.Contains($"Delivery:TrustedCertificateAuthorities names {path}", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Kestrel, like every TLS 1.3 server, judges the client certificate after the client's part of the handshake is
    /// done, so the client sees the connection closed before an answer; the error says what that may mean.
    /// </summary>
    private void AssertRefusedCertificate(Failed failed)
    {
        Assert.Equal(ErrorKinds.ResponseTruncated, failed.Kind);
        Assert.Contains("refuses a missing or unaccepted client certificate", failed.Error, StringComparison.Ordinal);
        Assert.Empty(_receiver.ClientCertificates);
    }

    private async Task<TransportAttempts> StartAsync(bool trustCa = true, TestProxy? proxy = null, SslProtocols protocols = SslProtocols.None)
    {
        _receiver = await TlsReceiver.StartAsync(_certificates, _certificates.Server(), protocols);
        var options = new DeliveryOptions
        {
            AllowPrivateNetworks = true,
            TrustedCertificateAuthorities = trustCa ? _certificates.WriteAuthorityPem(_directory) : null,
            Proxy = proxy?.Url.AbsoluteUri,
        };
        return new TransportAttempts(options, _time);
    }
}
