using Libromi.Connect.Client.Http;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Client;

/// <summary>Messages: <c>/api/v1/messages</c>, and the channel's entry point <c>/api/v1/inbound/messages</c>.</summary>
public sealed class MessagesClient
{
    private readonly ApiConnection _api;

    internal MessagesClient(ApiConnection api) => _api = api;

    /// <summary>Sends a message to a contact; emits <c>message.sent</c>.</summary>
    /// <param name="request">The contact and the text.</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The sent message.</returns>
    /// <exception cref="LibromiApiException">404 for an unknown contact, 422 for invalid fields, or any other failure.</exception>
    public Task<Message> SendAsync(SendMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _api.SendAsync(HttpMethod.Post, "messages", request, ClientJsonContext.Default.SendMessageRequest, ClientJsonContext.Default.Message, cancellationToken);
    }

    /// <summary>
    /// Reports a message that a channel received from a phone number; emits <c>message.received</c>, creates the contact
    /// for an unknown number (<c>contact.created</c>) and lets a matching chatbot reply.
    /// </summary>
    /// <param name="request">The sender and the text.</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The received message, with the id of its contact.</returns>
    /// <exception cref="LibromiApiException">422 for invalid fields, or any other failure.</exception>
    public Task<Message> ReceiveAsync(InboundMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _api.SendAsync(HttpMethod.Post, "inbound/messages", request, ClientJsonContext.Default.InboundMessageRequest, ClientJsonContext.Default.Message, cancellationToken);
    }

    /// <summary>Lists messages, newest first, fetching further pages as the enumeration reaches them.</summary>
    /// <param name="contactId">Only this contact's messages. Default: every contact's.</param>
    /// <param name="pageSize">Messages fetched per request, 1 to 100. Default: the server's, 20.</param>
    /// <param name="cancellationToken">Cancels the enumeration; <c>WithCancellation</c> works too.</param>
    /// <returns>The messages, lazily.</returns>
    public IAsyncEnumerable<Message> ListAsync(string? contactId = null, int? pageSize = null, CancellationToken cancellationToken = default) =>
        Pages.Walk(_api, "messages", ClientJsonContext.Default.PageResponseMessage, pageSize, cancellationToken, ("contact_id", contactId));
}
