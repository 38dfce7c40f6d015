using System.Runtime.CompilerServices;
using System.Text.Json;
using Libromi.Connect.Client.Http;

namespace Libromi.Connect.Client;

/// <summary>
/// Listen sessions, what <c>libromi listen</c> is built on: <c>/api/v1/listen</c>. A session is a temporary webhook
/// whose signed deliveries stream to the caller, who forwards them wherever it likes and reports the answer back.
/// </summary>
public sealed class ListenClient
{
    /// <summary>
    /// How long <see cref="StreamAsync"/> waits without receiving anything, not even the keep-alive the server sends
    /// every 15 s, before it takes the connection for dead: 45 s.
    /// </summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(45);

    private readonly ApiConnection _api;

    internal ListenClient(ApiConnection api) => _api = api;

    /// <summary>Starts a session that receives the given event types.</summary>
    /// <param name="events">Event types such as <c>message.received</c>, or <c>["*"]</c>. Default: all.</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The session, with the <see cref="ListenSession.Secret"/> its deliveries are signed with.</returns>
    /// <exception cref="LibromiApiException">422 naming the field (<c>events[0]</c>) for an unknown type, or any other failure.</exception>
    public Task<ListenSession> StartAsync(IReadOnlyList<string>? events = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Post, "listen", new StartListenRequest(events is { Count: > 0 } ? events : null),
            ClientJsonContext.Default.StartListenRequest, ClientJsonContext.Default.ListenSession, cancellationToken);

    /// <summary>
    /// Connects to a session and yields its deliveries as they happen. On connecting, the server queues again what
    /// the session missed while nobody listened, so after a dropped connection call this again with the same id.
    /// Each delivery waits on the server for its <see cref="ReportAsync"/> (30 s on a default server).
    /// </summary>
    /// <param name="sessionId">The session's id (<c>whk_…</c>).</param>
    /// <param name="connected">Called once the server has accepted the stream, before any delivery. Default: none.</param>
    /// <param name="cancellationToken">Closes the stream.</param>
    /// <returns>The deliveries, until the server ends the stream.</returns>
    /// <exception cref="LibromiApiException">
    /// 404 when the account has no such session (it ended or expired); a transient one when the connection failed, dropped,
    /// or stayed silent for <see cref="IdleTimeout"/>. Connecting is not retried: that is the caller's to decide.
    /// </exception>
    public async IAsyncEnumerable<RelayedDelivery> StreamAsync(string sessionId, Action? connected = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = $"listen/{PathSegment.Of(sessionId)}/stream";
        using var response = await _api.OpenStreamAsync(path, "text/event-stream", cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var frames = EventStreamReader.ReadAsync(body, IdleTimeout, _api.Time, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            (string Event, string Data) frame;
            try
            {
                if (!await frames.MoveNextAsync())
                {
                    yield break;
                }
                frame = frames.Current;
            }
            catch (Exception e) when (e is IOException or HttpRequestException or TimeoutException)
            {
                throw new LibromiApiException(null, "Stream lost", $"The stream of listen session {sessionId} broke off: {e.Message}", isTransient: true, innerException: e);
            }
            if (frame.Event == "ready")
            {
                connected?.Invoke();
            }
            else if (frame.Event == "delivery")
            {
                yield return Parse(frame.Data);
            }
        }
    }

    /// <summary>Reports what the local endpoint answered to a relayed delivery; the server logs it as the delivery's attempt.</summary>
    /// <param name="sessionId">The session's id (<c>whk_…</c>).</param>
    /// <param name="result">The ticket and the local answer, or the error that kept it from answering.</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>A task that completes when the server took the report.</returns>
    /// <exception cref="LibromiApiException">
    /// 404 when the server no longer waits for that ticket (it timed out, or the server restarted since), 422 for a
    /// report with neither status code nor error, or any other failure.
    /// </exception>
    public Task ReportAsync(string sessionId, ListenResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        return _api.SendAsync(HttpMethod.Post, $"listen/{PathSegment.Of(sessionId)}/results", result, ClientJsonContext.Default.ListenResult, cancellationToken);
    }

    /// <summary>Ends a session: it stops receiving events, and its deliveries and their logs are deleted.</summary>
    /// <param name="sessionId">The session's id (<c>whk_…</c>).</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>A task that completes when the session is gone.</returns>
    /// <exception cref="LibromiApiException">404 for an unknown or already ended session, or any other failure.</exception>
    public Task EndAsync(string sessionId, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Delete, $"listen/{PathSegment.Of(sessionId)}", cancellationToken);

    private static RelayedDelivery Parse(string data)
    {
        try
        {
            return JsonSerializer.Deserialize(data, ClientJsonContext.Default.RelayedDelivery) ?? throw new JsonException("The frame is JSON null.");
        }
        catch (JsonException e)
        {
            throw new LibromiApiException(200, "Unreadable response", $"A delivery frame is not the RelayedDelivery this client expects: {e.Message}", innerException: e);
        }
    }
}
