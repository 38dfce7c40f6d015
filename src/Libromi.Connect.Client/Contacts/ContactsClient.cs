using Libromi.Connect.Client.Http;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Client;

/// <summary>Contacts: <c>/api/v1/contacts</c>.</summary>
public sealed class ContactsClient
{
    private readonly ApiConnection _api;

    internal ContactsClient(ApiConnection api) => _api = api;

    /// <summary>Creates a contact. Answers 409 when another contact has the same phone number.</summary>
    /// <param name="request">The new contact.</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The created contact, with its phone number normalised.</returns>
    /// <exception cref="LibromiApiException">The server refused the request, or it failed after every retry.</exception>
    public Task<Contact> CreateAsync(CreateContactRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _api.SendAsync(HttpMethod.Post, "contacts", request, ClientJsonContext.Default.CreateContactRequest, ClientJsonContext.Default.Contact, cancellationToken);
    }

    /// <summary>Reads one contact.</summary>
    /// <param name="id">The contact's id (<c>con_…</c>).</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The contact.</returns>
    /// <exception cref="LibromiApiException">404 when the account has no such contact, or any other failure.</exception>
    public Task<Contact> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Get, $"contacts/{PathSegment.Of(id)}", ClientJsonContext.Default.Contact, cancellationToken);

    /// <summary>Lists every contact, newest first, fetching further pages as the enumeration reaches them.</summary>
    /// <param name="pageSize">Contacts fetched per request, 1 to 100. Default: the server's, 20.</param>
    /// <param name="cancellationToken">Cancels the enumeration; <c>WithCancellation</c> works too.</param>
    /// <returns>The contacts, lazily.</returns>
    public IAsyncEnumerable<Contact> ListAsync(int? pageSize = null, CancellationToken cancellationToken = default) =>
        Pages.Walk(_api, "contacts", ClientJsonContext.Default.PageResponseContact, pageSize, cancellationToken);

    /// <summary>Changes a contact; properties left null stay as they are.</summary>
    /// <param name="id">The contact's id (<c>con_…</c>).</param>
    /// <param name="request">The changes.</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The contact as it is now.</returns>
    /// <exception cref="LibromiApiException">404 for an unknown id, 409 for a phone number in use, 422 for invalid fields.</exception>
    public Task<Contact> UpdateAsync(string id, UpdateContactRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _api.SendAsync(HttpMethod.Patch, $"contacts/{PathSegment.Of(id)}", request, ClientJsonContext.Default.UpdateContactRequest, ClientJsonContext.Default.Contact, cancellationToken);
    }

    /// <summary>
    /// Erases a contact for good: the contact, its messages, and the events about it with their deliveries and attempt
    /// logs. Its pending deliveries are cancelled and never sent. What stays is the audit record this returns.
    /// </summary>
    /// <param name="id">The contact's id (<c>con_…</c>).</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>What was removed and cancelled. A retry of the same call after a lost answer returns the same record.</returns>
    /// <exception cref="LibromiApiException">404 when the account has no such contact (also once it was erased), or any other failure.</exception>
    public Task<ContactErasure> EraseAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Post, $"contacts/{PathSegment.Of(id)}/erase", ClientJsonContext.Default.ContactErasure, cancellationToken);

    /// <summary>Reads the audit record of one erasure.</summary>
    /// <param name="id">The erasure's id (<c>era_…</c>).</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The erasure's record.</returns>
    /// <exception cref="LibromiApiException">404 when the account has no such erasure, or any other failure.</exception>
    public Task<ContactErasure> GetErasureAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Get, $"erasures/{PathSegment.Of(id)}", ClientJsonContext.Default.ContactErasure, cancellationToken);

    /// <summary>Lists the account's erasures, newest first, fetching further pages as the enumeration reaches them.</summary>
    /// <param name="pageSize">Erasures fetched per request, 1 to 100. Default: the server's, 20.</param>
    /// <param name="cancellationToken">Cancels the enumeration; <c>WithCancellation</c> works too.</param>
    /// <returns>The erasures, lazily.</returns>
    public IAsyncEnumerable<ContactErasure> ListErasuresAsync(int? pageSize = null, CancellationToken cancellationToken = default) =>
        Pages.Walk(_api, "erasures", ClientJsonContext.Default.PageResponseContactErasure, pageSize, cancellationToken);
}
