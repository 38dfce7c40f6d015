using Libromi.Connect.Client.Http;

namespace Libromi.Connect.Client;

/// <summary>Webhooks, the endpoints that receive events: <c>/api/v1/webhooks</c>.</summary>
public sealed class WebhooksClient
{
    private readonly ApiConnection _api;

    internal WebhooksClient(ApiConnection api) => _api = api;

    /// <summary>Registers an endpoint for the given event types.</summary>
    /// <param name="request">The URL and the events, such as <c>new() { Url = "https://example.com/webhook", Events = ["message.received"] }</c>.</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The webhook, with the <see cref="Webhook.Secret"/> its deliveries are signed with.</returns>
    /// <exception cref="LibromiApiException">422 naming the field (<c>url</c>, <c>events[0]</c>, …) for invalid input, or any other failure.</exception>
    public Task<Webhook> CreateAsync(CreateWebhookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _api.SendAsync(HttpMethod.Post, "webhooks", request, ClientJsonContext.Default.CreateWebhookRequest, ClientJsonContext.Default.Webhook, cancellationToken);
    }

    /// <summary>Reads one webhook, without its secret (see <see cref="GetSecretAsync"/>).</summary>
    /// <param name="id">The webhook's id (<c>whk_…</c>).</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The webhook.</returns>
    /// <exception cref="LibromiApiException">404 when the account has no such webhook, or any other failure.</exception>
    public Task<Webhook> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Get, $"webhooks/{PathSegment.Of(id)}", ClientJsonContext.Default.Webhook, cancellationToken);

    /// <summary>
    /// Reads a webhook's signing secret, which <see cref="GetAsync"/> and <see cref="ListAsync"/> leave out; during the
    /// grace period of a rotation also the previous secret, which still signs.
    /// </summary>
    /// <param name="id">The webhook's id (<c>whk_…</c>).</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The current secret, and the previous one while it still signs.</returns>
    /// <exception cref="LibromiApiException">404 when the account has no such webhook, or any other failure.</exception>
    public Task<WebhookSigningSecret> GetSecretAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Get, $"webhooks/{PathSegment.Of(id)}/secret", ClientJsonContext.Default.WebhookSigningSecret, cancellationToken);

    /// <summary>Lists every webhook (without its secret), newest first, fetching further pages as the enumeration reaches them.</summary>
    /// <param name="pageSize">Webhooks fetched per request, 1 to 100. Default: the server's, 20.</param>
    /// <param name="cancellationToken">Cancels the enumeration; <c>WithCancellation</c> works too.</param>
    /// <returns>The webhooks, lazily.</returns>
    public IAsyncEnumerable<Webhook> ListAsync(int? pageSize = null, CancellationToken cancellationToken = default) =>
        Pages.Walk(_api, "webhooks", ClientJsonContext.Default.PageResponseWebhook, pageSize, cancellationToken);

    /// <summary>Changes a webhook; properties left null stay as they are. <c>Enabled = true</c> resumes a disabled webhook.</summary>
    /// <param name="id">The webhook's id (<c>whk_…</c>).</param>
    /// <param name="request">The changes.</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The webhook as it is now, without its secret.</returns>
    /// <exception cref="LibromiApiException">404 for an unknown id, 422 for invalid fields, or any other failure.</exception>
    public Task<Webhook> UpdateAsync(string id, UpdateWebhookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _api.SendAsync(HttpMethod.Patch, $"webhooks/{PathSegment.Of(id)}", request, ClientJsonContext.Default.UpdateWebhookRequest, ClientJsonContext.Default.Webhook, cancellationToken);
    }

    /// <summary>
    /// Deletes a webhook with its deliveries and their attempt logs. If an attempt failed without a clear answer and
    /// its retry finds the webhook gone, the call succeeds: the lost attempt deleted it.
    /// </summary>
    /// <param name="id">The webhook's id (<c>whk_…</c>).</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>A task that completes when the webhook is gone.</returns>
    /// <exception cref="LibromiApiException">404 for an unknown id, or any other failure.</exception>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Delete, $"webhooks/{PathSegment.Of(id)}", cancellationToken);

    /// <summary>
    /// Replaces the signing secret. The previous secret keeps signing next to the new one until
    /// <see cref="Webhook.PreviousSecretExpiresAt"/> (24 h on a default server), so receivers can switch without losing events.
    /// </summary>
    /// <param name="id">The webhook's id (<c>whk_…</c>).</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The webhook with its new <see cref="Webhook.Secret"/>.</returns>
    /// <exception cref="LibromiApiException">404 for an unknown id, or any other failure.</exception>
    public Task<Webhook> RotateSecretAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Post, $"webhooks/{PathSegment.Of(id)}/rotate-secret", ClientJsonContext.Default.Webhook, cancellationToken);

    /// <summary>Sends a <c>webhook.test</c> event to this endpoint alone, whatever it subscribes to.</summary>
    /// <param name="id">The webhook's id (<c>whk_…</c>).</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The test event's id and its delivery's id, to follow with <see cref="DeliveriesClient.GetAsync"/>.</returns>
    /// <exception cref="LibromiApiException">404 for an unknown id, or any other failure.</exception>
    public Task<WebhookTestResult> TestAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Post, $"webhooks/{PathSegment.Of(id)}/test", ClientJsonContext.Default.WebhookTestResult, cancellationToken);

    /// <summary>
    /// Tells whether an event would pass the webhook's filter, and why not, without writing anything: to debug a filter
    /// before (or after) events are missed.
    /// </summary>
    /// <param name="id">The webhook's id (<c>whk_…</c>).</param>
    /// <param name="request">The event, as its JSON or as the id of a stored event.</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>Whether it matches, whether the webhook subscribes to its type, and every failing condition.</returns>
    /// <exception cref="LibromiApiException">404 for an unknown webhook or event id, 422 unless exactly one of the event and its id is set, or any other failure.</exception>
    public Task<WebhookFilterTestResult> TestFilterAsync(string id, WebhookFilterTestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _api.SendAsync(HttpMethod.Post, $"webhooks/{PathSegment.Of(id)}/filter-test", request, ClientJsonContext.Default.WebhookFilterTestRequest,
            ClientJsonContext.Default.WebhookFilterTestResult, cancellationToken);
    }

    /// <summary>Queues every failed delivery of this webhook created at or after <paramref name="since"/> for one more attempt.</summary>
    /// <param name="id">The webhook's id (<c>whk_…</c>).</param>
    /// <param name="since">The earliest creation time of the deliveries to recover.</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>How many deliveries were queued again.</returns>
    /// <exception cref="LibromiApiException">404 for an unknown id, or any other failure.</exception>
    public async Task<int> RecoverAsync(string id, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var answer = await _api.SendAsync(HttpMethod.Post, $"webhooks/{PathSegment.Of(id)}/recover", new RecoverRequest(since),
            ClientJsonContext.Default.RecoverRequest, ClientJsonContext.Default.RecoverResponse, cancellationToken);
        return answer.Recovered;
    }
}
