using Libromi.Connect.Client.Http;

namespace Libromi.Connect.Client;

/// <summary>The account's events and the event catalog: <c>/api/v1/events</c> and <c>/api/v1/event-types</c>.</summary>
public sealed class EventsClient
{
    private readonly ApiConnection _api;

    internal EventsClient(ApiConnection api) => _api = api;

    /// <summary>Reads one event, exactly as its webhook deliveries carry it.</summary>
    /// <param name="id">The event's id (<c>evt_…</c>).</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The event.</returns>
    /// <exception cref="LibromiApiException">404 when the account has no such event, or any other failure.</exception>
    public Task<Event> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Get, $"events/{PathSegment.Of(id)}", ClientJsonContext.Default.Event, cancellationToken);

    /// <summary>Lists events, newest first, fetching further pages as the enumeration reaches them.</summary>
    /// <param name="type">Only events of this type, such as <c>contact.created</c>; an unknown type is a 422. Default: all types.</param>
    /// <param name="pageSize">Events fetched per request, 1 to 100. Default: the server's, 20.</param>
    /// <param name="cancellationToken">Cancels the enumeration; <c>WithCancellation</c> works too.</param>
    /// <returns>The events, lazily.</returns>
    public IAsyncEnumerable<Event> ListAsync(string? type = null, int? pageSize = null, CancellationToken cancellationToken = default) =>
        Pages.Walk(_api, "events", ClientJsonContext.Default.PageResponseEvent, pageSize, cancellationToken, ("type", type));

    /// <summary>Reads the event catalog: every type the server emits, with an example of its data.</summary>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The event types.</returns>
    /// <exception cref="LibromiApiException">The request failed.</exception>
    public async Task<IReadOnlyList<EventType>> ListTypesAsync(CancellationToken cancellationToken = default) =>
        (await _api.SendAsync(HttpMethod.Get, "event-types", ClientJsonContext.Default.PageResponseEventType, cancellationToken)).Data;
}
