using System.Collections.Concurrent;
using Libromi.Connect.Server.Delivery;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Listen;

/// <summary>
/// Makes one attempt to a listen session: streams the signed delivery to the connected CLI and waits (up to
/// <see cref="DeliveryOptions.Timeout"/>) for it to report what the local endpoint answered. A session with nobody
/// connected fails the attempt, so the delivery is retried and comes through when the listener is back.
/// </summary>
public sealed class ListenRelay(TimeProvider time, IOptions<DeliveryOptions> options)
{
    private readonly ConcurrentDictionary<string, ListenConnection> _connections = new(StringComparer.Ordinal);

    /// <summary>Registers the stream for a session; a newer connection replaces an older one.</summary>
    public ListenConnection Connect(string accountId, string sessionId)
    {
        var connection = new ListenConnection(accountId);
        _connections[sessionId] = connection;
        return connection;
    }

    public void Disconnect(string sessionId, ListenConnection connection) =>
        _connections.TryRemove(new KeyValuePair<string, ListenConnection>(sessionId, connection));

    public bool Complete(string accountId, string sessionId, string ticket, ReportedAnswer result) =>
        _connections.TryGetValue(sessionId, out var connection) && connection.AccountId == accountId && connection.Complete(ticket, result);

    public async Task<AttemptOutcome> SendAsync(LeasedDelivery lease, EventPayload payload, DeliveryTarget target, CancellationToken stopping)
    {
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        if (!_connections.TryGetValue(target.WebhookId, out var connection))
        {
            return Failure(lease, startedAt, 0, ErrorKinds.ListenerDisconnected,
                "No 'libromi listen' is connected to this session; the delivery is retried and arrives when it reconnects.");
        }
        var ticket = $"{DeliveryStore.PublicId(lease.Id)}.{lease.LeaseToken}";
        var headers = DeliveryHeaders.For(lease, payload, target, startedAt.ToUnixTimeSeconds()).ToDictionary(h => h.Name, h => h.Value, StringComparer.Ordinal);
        var answer = connection.Expect(ticket);
        connection.Outgoing.Writer.TryWrite(new RelayedDelivery(ticket, DeliveryStore.PublicId(lease.Id), payload.Id, payload.Type,
            lease.AttemptCount + 1, headers, System.Text.Encoding.UTF8.GetString(payload.Body)));
        try
        {
            var result = await answer.WaitAsync(options.Value.Timeout, time, stopping);
            var elapsed = (int)time.GetElapsedTime(started).TotalMilliseconds;
            if (result.StatusCode is not { } code)
            {
                return Failure(lease, startedAt, result.DurationMs ?? elapsed, ErrorKinds.Connection, ResponseText.Readable("Local endpoint: " + (result.Error ?? "no answer")));
            }
            var error = code is >= 200 and < 300 ? null : $"HTTP {code} from the local endpoint";
            return new AttemptOutcome(lease, startedAt, result.DurationMs ?? elapsed, code, error is null ? null : ErrorKinds.HttpStatus, error,
                result.ResponseHeaders, result.ResponseBody is null ? null : ResponseText.Readable(result.ResponseBody), null);
        }
        catch (TimeoutException)
        {
            return Failure(lease, startedAt, (int)time.GetElapsedTime(started).TotalMilliseconds, ErrorKinds.Timeout,
                $"The listener reported no answer within {options.Value.Timeout.TotalSeconds:0.###} s.");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return AttemptOutcome.Abandon(lease, startedAt);
        }
        finally
        {
            connection.Forget(ticket);
        }
    }

    private static AttemptOutcome Failure(LeasedDelivery lease, DateTimeOffset startedAt, int durationMs, string kind, string error) =>
        new(lease, startedAt, durationMs, null, kind, error, null, null, null);
}
