using Libromi.Connect.Client.Http;

namespace Libromi.Connect.Client;

/// <summary>The account's API keys: <c>/api/v1/api-keys</c>. Creating and revoking need a key with the <c>full</c> scope.</summary>
public sealed class ApiKeysClient
{
    private readonly ApiConnection _api;

    internal ApiKeysClient(ApiConnection api) => _api = api;

    /// <summary>
    /// Creates a key; the answer's <see cref="ApiKey.Key"/> is the only time the key is shown. The server remembers no
    /// answer for a repeat (it would have to keep the key), so when an attempt's answer is lost and the call is retried,
    /// the account may hold one more key, never shown: <see cref="ListAsync"/> lists it, to revoke.
    /// </summary>
    /// <param name="request">The new key's name and scope.</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The created key, with <see cref="ApiKey.Key"/> set.</returns>
    /// <exception cref="LibromiApiException">422 for invalid fields, 403 for a read key, or any other failure.</exception>
    public Task<ApiKey> CreateAsync(CreateApiKeyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _api.SendAsync(HttpMethod.Post, "api-keys", request, ClientJsonContext.Default.CreateApiKeyRequest, ClientJsonContext.Default.ApiKey, cancellationToken);
    }

    /// <summary>Lists the account's keys (never the keys themselves), newest first, fetching further pages as the enumeration reaches them.</summary>
    /// <param name="pageSize">Keys fetched per request, 1 to 100. Default: the server's, 20.</param>
    /// <param name="cancellationToken">Cancels the enumeration; <c>WithCancellation</c> works too.</param>
    /// <returns>The keys, lazily.</returns>
    public IAsyncEnumerable<ApiKey> ListAsync(int? pageSize = null, CancellationToken cancellationToken = default) =>
        Pages.Walk(_api, "api-keys", ClientJsonContext.Default.PageResponseApiKey, pageSize, cancellationToken);

    /// <summary>
    /// Revokes a key: refused at once by the server that revoked it and within a second by every other. If an attempt
    /// failed without a clear answer and its retry finds the key gone, the call succeeds: the lost attempt revoked it.
    /// </summary>
    /// <param name="id">The key's id (<c>key_…</c>).</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>A task that completes when the key is revoked.</returns>
    /// <exception cref="LibromiApiException">404 for an unknown id, 409 for the account's last full key, or any other failure.</exception>
    public Task RevokeAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Delete, $"api-keys/{PathSegment.Of(id)}", cancellationToken);
}
