namespace Libromi.Connect.Server.Delivery.Transports.Auth;

/// <summary>A <see cref="ClientCertificatePool"/> entry; its counters are guarded by the pool's lock.</summary>
internal sealed class PooledClient(string fingerprint, HttpClient client)
{
    public string Fingerprint { get; } = fingerprint;

    public HttpClient Client { get; } = client;

    public long LastUsed { get; set; }

    public int Leases { get; set; }

    public bool Retired { get; set; }
}
