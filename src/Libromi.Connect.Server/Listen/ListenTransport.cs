using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Delivery.Outcomes;
using Libromi.Connect.Server.Delivery.Transports;

namespace Libromi.Connect.Server.Listen;

/// <summary>
/// Sends an attempt to a listen session: streams the signed delivery to the connected CLI and waits for it to report
/// what the local endpoint answered. A session with nobody connected fails the attempt, so the delivery is retried and
/// comes through when the listener is back.
/// </summary>
public sealed class ListenTransport(ListenRelay relay) : IDeliveryTransport
{
    public TransportKind Kind => TransportKind.Listen;

    public async Task<AttemptOutcome> SendAsync(Attempt attempt)
    {
        if (relay.Find(attempt.Target.WebhookId) is not { } connection)
        {
            return attempt.Failure(ErrorKinds.ListenerDisconnected,
                "No 'libromi listen' is connected to this session; the delivery is retried and arrives when it reconnects.", durationMs: 0);
        }
        var lease = attempt.Lease;
        var deliveryId = DeliveryStore.PublicId(lease.Id);
        var ticket = $"{deliveryId}.{lease.LeaseToken}";
        var answer = connection.Expect(ticket);
        try
        {
            connection.Outgoing.Writer.TryWrite(new RelayedDelivery(ticket, deliveryId, attempt.Payload.Id, attempt.Payload.Type, lease.AttemptCount + 1,
                attempt.Headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.Ordinal), System.Text.Encoding.UTF8.GetString(attempt.Payload.Body)));
            var result = await answer.WaitAsync(attempt.Cancellation);
            if (result.StatusCode is not { } code)
            {
                return attempt.Failure(ErrorKinds.Connection, "Local endpoint: " + (result.Error ?? "no answer"), durationMs: result.DurationMs);
            }
            return attempt.Answered(new AttemptResponse(code, result.ResponseHeaders, result.ResponseBody is null ? null : ResponseText.Readable(result.ResponseBody)),
                durationMs: result.DurationMs, source: "from the local endpoint");
        }
        catch (OperationCanceledException) when (attempt.TimedOut)
        {
            return attempt.TimeoutFailure("The listener reported no answer");
        }
        finally
        {
            connection.Forget(ticket);
        }
    }
}
