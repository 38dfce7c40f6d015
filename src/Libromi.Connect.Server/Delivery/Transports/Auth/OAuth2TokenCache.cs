using System.Security.Cryptography;
using System.Text;

namespace Libromi.Connect.Server.Delivery.Transports.Auth;

/// <summary>
/// The access tokens of OAuth2 client credentials, fetched once and shared by every delivery that uses the same
/// credentials (token URL, client id, scope and secret: a changed secret fetches anew) until
/// <see cref="OAuth2Token.RefreshMargin"/> before they expire. Concurrent attempts that find no valid token wait for the
/// same request, which runs with its own <paramref name="timeout"/> so that no single attempt's cancellation ends it for
/// the others. A failed request is not remembered: the attempts waiting for it fail, the next ones ask again (the
/// endpoint's retries and circuit breaker space them out).
/// </summary>
public sealed class OAuth2TokenCache(HttpClient client, TimeProvider time, TimeSpan timeout)
{
    private readonly Dictionary<string, Task<CachedToken>> _tokens = new(StringComparer.Ordinal);

    public async Task<string> GetAsync(OAuth2ClientCredentials auth, CancellationToken stopping, CancellationToken cancellationToken)
    {
        var key = Key(auth);
        Task<CachedToken> fetch;
        lock (_tokens)
        {
            var now = time.GetUtcNow();
            if (!_tokens.TryGetValue(key, out fetch!) || IsStale(fetch, now))
            {
                foreach (var stale in _tokens.Where(t => IsStale(t.Value, now)).Select(t => t.Key).ToList())
                {
                    _tokens.Remove(stale);
                }
                fetch = Task.Run(() => FetchAsync(auth, stopping), CancellationToken.None);
                _tokens[key] = fetch;
            }
        }
        return (await fetch.WaitAsync(cancellationToken)).Token.AccessToken;
    }

    /// <summary>Drops <paramref name="accessToken"/> after the receiver refused it, unless a newer token has replaced it already.</summary>
    public void Forget(OAuth2ClientCredentials auth, string accessToken)
    {
        var key = Key(auth);
        lock (_tokens)
        {
            if (_tokens.TryGetValue(key, out var fetch) && fetch.IsCompletedSuccessfully && fetch.Result.Token.AccessToken == accessToken)
            {
                _tokens.Remove(key);
            }
        }
    }

    private static bool IsStale(Task<CachedToken> fetch, DateTimeOffset now) =>
        fetch.IsFaulted || fetch.IsCanceled || (fetch.IsCompletedSuccessfully && now >= fetch.Result.RefreshAt);

    private async Task<CachedToken> FetchAsync(OAuth2ClientCredentials auth, CancellationToken stopping)
    {
        var requested = time.GetUtcNow();
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stopping);
        try
        {
            var token = await OAuth2TokenClient.FetchAsync(client, auth, linked.Token);
            return new CachedToken(token, requested + token.Lifetime - token.RefreshMargin);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            throw new OAuth2TokenException($"The token endpoint {OAuth2TokenClient.Endpoint(auth)} gave no token within {timeout.TotalSeconds:0.###} s.");
        }
    }

    /// <summary>The cache key: the credentials, the secret only as part of a hash.</summary>
    private static string Key(OAuth2ClientCredentials auth)
    {
        var parts = new[] { auth.TokenUrl.AbsoluteUri, auth.ClientId, auth.Scope ?? "", auth.ClientSecret };
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("", parts.Select(p => $"{p.Length}:{p}")))));
    }

    private sealed record CachedToken(OAuth2Token Token, DateTimeOffset RefreshAt);
}
