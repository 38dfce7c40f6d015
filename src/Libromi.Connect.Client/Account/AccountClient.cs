using Libromi.Connect.Client.Http;

namespace Libromi.Connect.Client;

/// <summary>The calling account: <c>/api/v1/account</c>. Changing it needs a key with the <c>full</c> scope.</summary>
public sealed class AccountClient
{
    private readonly ApiConnection _api;

    internal AccountClient(ApiConnection api) => _api = api;

    /// <summary>Reads the account.</summary>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The account.</returns>
    /// <exception cref="LibromiApiException">Any failure.</exception>
    public Task<Account> GetAsync(CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Get, "account", ClientJsonContext.Default.Account, cancellationToken);

    /// <summary>
    /// Sets the region phone numbers in national format are read in (<c>"GB"</c>: "07700 900123" is +44 7700 900123),
    /// or removes it (null: international format only). Requests on every node follow within a second.
    /// </summary>
    /// <param name="region">An ISO 3166 alpha-2 code with a calling code, or null.</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The account as changed.</returns>
    /// <exception cref="LibromiApiException">422 for an unknown region, 403 for a read key, or any other failure.</exception>
    public Task<Account> SetDefaultRegionAsync(string? region, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Patch, "account", new UpdateAccountRequest(region), ClientJsonContext.Default.UpdateAccountRequest,
            ClientJsonContext.Default.Account, cancellationToken);
}
