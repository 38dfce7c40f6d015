using Libromi.Connect.Client.Http;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Client;

/// <summary>Chatbots, keyword-triggered automatic replies: <c>/api/v1/chatbots</c>.</summary>
public sealed class ChatbotsClient
{
    private readonly ApiConnection _api;

    internal ChatbotsClient(ApiConnection api) => _api = api;

    /// <summary>Creates a chatbot.</summary>
    /// <param name="request">The new chatbot.</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The created chatbot.</returns>
    /// <exception cref="LibromiApiException">422 for invalid fields, or any other failure.</exception>
    public Task<Chatbot> CreateAsync(CreateChatbotRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _api.SendAsync(HttpMethod.Post, "chatbots", request, ClientJsonContext.Default.CreateChatbotRequest, ClientJsonContext.Default.Chatbot, cancellationToken);
    }

    /// <summary>Reads one chatbot.</summary>
    /// <param name="id">The chatbot's id (<c>cbt_…</c>).</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The chatbot.</returns>
    /// <exception cref="LibromiApiException">404 when the account has no such chatbot, or any other failure.</exception>
    public Task<Chatbot> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Get, $"chatbots/{PathSegment.Of(id)}", ClientJsonContext.Default.Chatbot, cancellationToken);

    /// <summary>Lists every chatbot, newest first, fetching further pages as the enumeration reaches them.</summary>
    /// <param name="pageSize">Chatbots fetched per request, 1 to 100. Default: the server's, 20.</param>
    /// <param name="cancellationToken">Cancels the enumeration; <c>WithCancellation</c> works too.</param>
    /// <returns>The chatbots, lazily.</returns>
    public IAsyncEnumerable<Chatbot> ListAsync(int? pageSize = null, CancellationToken cancellationToken = default) =>
        Pages.Walk(_api, "chatbots", ClientJsonContext.Default.PageResponseChatbot, pageSize, cancellationToken);

    /// <summary>Changes a chatbot; properties left null stay as they are.</summary>
    /// <param name="id">The chatbot's id (<c>cbt_…</c>).</param>
    /// <param name="request">The changes.</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The chatbot as it is now.</returns>
    /// <exception cref="LibromiApiException">404 for an unknown id, 422 for invalid fields, or any other failure.</exception>
    public Task<Chatbot> UpdateAsync(string id, UpdateChatbotRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _api.SendAsync(HttpMethod.Patch, $"chatbots/{PathSegment.Of(id)}", request, ClientJsonContext.Default.UpdateChatbotRequest, ClientJsonContext.Default.Chatbot, cancellationToken);
    }

    /// <summary>
    /// Deletes a chatbot. If an attempt failed without a clear answer and its retry finds the chatbot gone, the call
    /// succeeds: the lost attempt deleted it.
    /// </summary>
    /// <param name="id">The chatbot's id (<c>cbt_…</c>).</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>A task that completes when the chatbot is gone.</returns>
    /// <exception cref="LibromiApiException">404 for an unknown id, or any other failure.</exception>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Delete, $"chatbots/{PathSegment.Of(id)}", cancellationToken);
}
