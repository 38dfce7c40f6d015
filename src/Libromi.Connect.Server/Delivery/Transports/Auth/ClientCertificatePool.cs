using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Libromi.Connect.Server.Delivery.Transports.Egress;

namespace Libromi.Connect.Server.Delivery.Transports.Auth;

/// <summary>
/// One HttpClient per webhook with a client certificate, since a handler presents one certificate: built like the shared
/// one (<see cref="EgressHandlers"/>) and kept, with its pooled connections, while the webhook's certificate stays the
/// same. A changed certificate replaces its client, one idle for <see cref="IdleLifetime"/> is let go, and at most
/// <see cref="Capacity"/> are kept (the least recently used goes first). A client let go is disposed once the
/// attempts using it are done.
/// </summary>
public sealed class ClientCertificatePool(EgressHandlers handlers, TimeProvider time) : IDisposable
{
    public const int Capacity = 64;
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, PooledClient> _clients = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>The client presenting <paramref name="auth"/>'s certificate; dispose the lease when the attempt is done.</summary>
    public ClientLease Rent(string webhookId, ClientCertificateAuth auth)
    {
        var fingerprint = Fingerprint(auth);
        var now = time.GetTimestamp();
        lock (_clients)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_clients.TryGetValue(webhookId, out var pooled) || pooled.Fingerprint != fingerprint)
            {
                if (pooled is not null)
                {
                    Retire(webhookId, pooled);
                }
                pooled = new PooledClient(fingerprint, new HttpClient(handlers.Create(Load(auth))) { Timeout = Timeout.InfiniteTimeSpan });
                _clients[webhookId] = pooled;
            }
            pooled.LastUsed = now;
            pooled.Leases++;
            EvictIdle(now);
            return new ClientLease(this, pooled);
        }
    }

    public void Dispose()
    {
        lock (_clients)
        {
            _disposed = true;
            foreach (var pooled in _clients.Values)
            {
                pooled.Client.Dispose();
            }
            _clients.Clear();
        }
    }

    internal void Return(PooledClient pooled)
    {
        lock (_clients)
        {
            if (--pooled.Leases == 0 && pooled.Retired)
            {
                pooled.Client.Dispose();
            }
        }
    }

    private void EvictIdle(long now)
    {
        foreach (var (id, pooled) in _clients.Where(c => time.GetElapsedTime(c.Value.LastUsed, now) > IdleLifetime).ToList())
        {
            Retire(id, pooled);
        }
        while (_clients.Count > Capacity)
        {
            var (id, oldest) = _clients.MinBy(c => c.Value.LastUsed);
            Retire(id, oldest);
        }
    }

    private void Retire(string webhookId, PooledClient pooled)
    {
        _clients.Remove(webhookId);
        pooled.Retired = true;
        if (pooled.Leases == 0)
        {
            pooled.Client.Dispose();
        }
    }

    /// <summary>The certificate with its key and the chain's other certificates, sent along so the receiver can build the chain.</summary>
    private static SslStreamCertificateContext Load(ClientCertificateAuth auth)
    {
        X509Certificate2 leaf;
        var all = new X509Certificate2Collection();
        try
        {
            // An ephemeral key, which OpenSSL-backed SslStream (Linux, the server's platform) signs the handshake with;
            // Windows' SChannel would need it persisted through a PKCS#12 round trip.
            leaf = X509Certificate2.CreateFromPem(auth.CertificatePem, auth.PrivateKeyPem);
            all.ImportFromPem(auth.CertificatePem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new ClientCertificateException($"The webhook's client certificate and private key cannot be loaded: {e.Message}", e);
        }
        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in all)
        {
            if (certificate.Thumbprint != leaf.Thumbprint)
            {
                intermediates.Add(certificate);
            }
        }
        return SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
    }

    private static string Fingerprint(ClientCertificateAuth auth) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(auth.CertificatePem + "\n" + auth.PrivateKeyPem)));
}
