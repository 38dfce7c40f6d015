using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Libromi.Connect.Testing;

/// <summary>
/// A real HTTPS receiver (Kestrel) on a free loopback port that requires a client certificate issued by
/// <see cref="TestCertificates.Authority"/>: any other certificate, or none, fails the handshake. It answers 200 and
/// records the thumbprint of the client certificate each request came with. <c>protocols</c> limits the TLS versions
/// it speaks (default: the system's).
/// </summary>
public sealed class TlsReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<string> _thumbprints = [];

    private TlsReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>The client certificate thumbprint of every request received, in order.</summary>
    public IReadOnlyList<string> ClientCertificates
    {
        get
        {
            lock (_thumbprints)
            {
                return [.. _thumbprints];
            }
        }
    }

    public static async Task<TlsReceiver> StartAsync(TestCertificates certificates, X509Certificate2 serverCertificate, SslProtocols protocols = SslProtocols.None)
    {
        // No configuration file watcher: a test run starts many receivers, and each watcher takes an inotify instance.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseUrls("https://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(https =>
        {
            https.ServerCertificate = serverCertificate;
            https.SslProtocols = protocols;
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (certificate, _, _) => IssuedBy(certificates.Authority, certificate);
        }));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new TlsReceiver(app);
        app.Map("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/webhook");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static bool IssuedBy(X509Certificate2 authority, X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private async Task HandleAsync(HttpContext context)
    {
        await context.Request.Body.CopyToAsync(Stream.Null);
        lock (_thumbprints)
        {
            _thumbprints.Add(context.Connection.ClientCertificate?.Thumbprint ?? "(none)");
        }
        context.Response.StatusCode = 200;
        await context.Response.WriteAsync("OK");
    }
}
