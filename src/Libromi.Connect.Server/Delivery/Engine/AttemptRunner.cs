using Libromi.Connect.Server.Delivery.Outcomes;
using Libromi.Connect.Server.Delivery.Transports;
using Libromi.Connect.Server.Events;
using Libromi.Connect.Server.Telemetry;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// Runs one attempt, and is the one place that does: it skips what must not be sent (a disabled webhook, a lease that
/// no longer covers a whole attempt), starts the clock and the timeout, hands the signed attempt to the transport of
/// the webhook's kind inside the attempt's span (<see cref="AttemptTrace"/>), and turns whatever that throws into an
/// outcome. Nothing leaves it but an <see cref="AttemptOutcome"/>.
/// </summary>
public sealed partial class AttemptRunner(IEnumerable<IDeliveryTransport> transports, TimeProvider time, IOptions<DeliveryOptions> options, ILogger<AttemptRunner> logger)
{
    private readonly Dictionary<TransportKind, IDeliveryTransport> _transports = transports.ToDictionary(t => t.Kind);

    public async Task<AttemptOutcome> RunAsync(LeasedDelivery lease, EventPayload payload, DeliveryTarget target, CancellationToken stopping)
    {
        var now = time.GetUtcNow();
        var timeout = options.Value.Timeout;
        if (!target.Enabled && payload.Type != EventCatalog.WebhookTest)
        {
            return new Skipped(lease, now, SkipReason.WebhookDisabled);
        }
        if (now + timeout > lease.LeaseUntil)
        {
            return new Skipped(lease, now, SkipReason.LeaseTooShort);
        }
        if (stopping.IsCancellationRequested)
        {
            return new Skipped(lease, now, SkipReason.ShuttingDown);
        }
        var activity = AttemptTrace.Start(lease, payload, target);
        var outcome = await SendAsync(lease, payload, target, AttemptTrace.TraceParent(activity), now, timeout, stopping);
        AttemptTrace.End(activity, outcome);
        return outcome;
    }

    private async Task<AttemptOutcome> SendAsync(LeasedDelivery lease, EventPayload payload, DeliveryTarget target, string? traceParent,
        DateTimeOffset now, TimeSpan timeout, CancellationToken stopping)
    {
        Attempt? attempt = null;
        try
        {
            attempt = new Attempt(lease, payload, target, time, timeout, stopping, traceParent);
            if (!_transports.TryGetValue(target.Transport, out var transport))
            {
                return attempt.Failure(ErrorKinds.Internal, $"This server has no transport for webhooks of kind {target.Transport}.");
            }
            return await transport.SendAsync(attempt);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return new Skipped(lease, now, SkipReason.ShuttingDown);
        }
        catch (OperationCanceledException) when (attempt?.TimedOut == true)
        {
            return attempt.TimeoutFailure("No complete response");
        }
        catch (Exception e)
        {
            // Handing back would send it again at once, unlogged, for as long as the fault lasts: it counts as a failed attempt.
            LogAttemptFailed(logger, e, lease.Id);
            return Failed.Unforeseen(lease, attempt?.StartedAt ?? now, attempt?.ElapsedMs ?? 0, e);
        }
        finally
        {
            attempt?.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Attempting delivery {DeliveryId} failed unexpectedly; it is recorded as a failed attempt")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, long deliveryId);
}
