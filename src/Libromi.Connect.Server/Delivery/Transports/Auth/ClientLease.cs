namespace Libromi.Connect.Server.Delivery.Transports.Auth;

/// <summary>An attempt's use of a pooled client: the client stays undisposed until every lease on it is returned.</summary>
public sealed class ClientLease : IDisposable
{
    private readonly ClientCertificatePool _pool;
    private readonly PooledClient _pooled;
    private bool _returned;

    internal ClientLease(ClientCertificatePool pool, PooledClient pooled)
    {
        _pool = pool;
        _pooled = pooled;
    }

    public HttpClient Client => _pooled.Client;

    public void Dispose()
    {
        if (!_returned)
        {
            _returned = true;
            _pool.Return(_pooled);
        }
    }
}
