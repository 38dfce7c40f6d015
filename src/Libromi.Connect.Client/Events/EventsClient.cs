using Libromi.Connect.Client.Http;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Client;

/// <summary>The account's events and the event catalog: <c>/api/v1/events</c> and <c>/api/v1/event-types</c>.</summary>
public sealed class EventsClient
{
    private readonly ApiConnection _api;

    internal EventsClient(ApiConnection api) => _api = api;

    /// <summary>Reads one event, exactly as its webhook deliveries carry it, parsed as a receiver parses it.</summary>
    /// <param name="id">The event's id (<c>evt_…</c>).</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>
    /// The event: a <see cref="WebhookEvent{TData}"/> with typed data (such as <see cref="MessageReceived"/>) for the
    /// types <see cref="WebhookEventParser"/> knows, a plain <see cref="WebhookEvent"/> for types newer than this library.
    /// </returns>
    /// <exception cref="LibromiApiException">404 when the account has no such event, or any other failure.</exception>
    public Task<WebhookEvent> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Get, $"events/{PathSegment.Of(id)}", ClientJsonContext.Default.WebhookEvent, cancellationToken);

    /// <summary>Lists events, newest first, fetching further pages as the enumeration reaches them.</summary>
    /// <param name="type">Only events of this type, such as <c>contact.created</c>; an unknown type is a 422. Default: all types.</param>
    /// <param name="pageSize">Events fetched per request, 1 to 100. Default: the server's, 20.</param>
    /// <param name="cancellationToken">Cancels the enumeration; <c>WithCancellation</c> works too.</param>
    /// <returns>The events, lazily, each typed as <see cref="GetAsync"/> returns it.</returns>
    public IAsyncEnumerable<WebhookEvent> ListAsync(string? type = null, int? pageSize = null, CancellationToken cancellationToken = default) =>
        Pages.Walk(_api, "events", ClientJsonContext.Default.PageResponseWebhookEvent, pageSize, cancellationToken, ("type", type));

    /// <summary>Reads the event catalog: every type the server emits, with an example of its data.</summary>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The event types.</returns>
    /// <exception cref="LibromiApiException">The request failed.</exception>
    public async Task<IReadOnlyList<EventType>> ListTypesAsync(CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Get, "event-types", ClientJsonContext.Default.PageResponseEventType, cancellationToken)).Data;
}
