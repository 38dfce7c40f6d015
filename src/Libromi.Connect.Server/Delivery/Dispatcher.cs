using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Delivery;

/// <summary>
/// The delivery loop: lease due deliveries while there is capacity, send each one (at most
/// <see cref="DeliveryOptions.MaxConcurrencyPerEndpoint"/> at a time per endpoint, so a slow endpoint only slows itself),
/// and hand outcomes to the <see cref="OutcomeWriter"/>. Idle, it sleeps until a commit wakes it, a send finishes, or the
/// next retry falls due — never a polling loop on the hot path.
/// </summary>
public sealed partial class Dispatcher(
    DeliveryQueue queue,
    WebhookSender sender,
    Listen.ListenRelay relay,
    OutcomeWriter writer,
    DeliverySignal signal,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<Dispatcher> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, EndpointSlot> _endpoints = new(StringComparer.Ordinal);
    private int _inFlight;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writing = Task.Run(writer.RunAsync, CancellationToken.None);
        try
        {
            await LoopAsync(stoppingToken);
        }
        finally
        {
            while (Volatile.Read(ref _inFlight) > 0)
            {
                await signal.WaitAsync(TimeSpan.FromMilliseconds(100), TimeProvider.System, CancellationToken.None);
            }
            writer.Complete();
            await writing;
        }
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var capacity = o.MaxConcurrency - Volatile.Read(ref _inFlight);
                if (capacity <= 0)
                {
                    await signal.WaitAsync(o.IdleCheckInterval, time, stoppingToken);
                    continue;
                }
                var saturated = _endpoints.Where(e => e.Value.Outstanding >= o.MaxConcurrencyPerEndpoint).Select(e => e.Key).ToList();
                var batch = await queue.LeaseAsync(Math.Min(capacity, o.LeaseBatchSize), saturated, stoppingToken);
                if (batch.Count == 0)
                {
                    await signal.WaitAsync(await IdleDelayAsync(saturated.Count > 0, stoppingToken), time, stoppingToken);
                    continue;
                }
                await StartAsync(batch, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The store is unreachable (or restarting): leased work stays protected by its leases; try again shortly.
                LogLoopFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<TimeSpan> IdleDelayAsync(bool someExcluded, CancellationToken cancellationToken)
    {
        var interval = options.Value.IdleCheckInterval;
        var next = await queue.NextDueAsync(cancellationToken);
        if (next is null)
        {
            return interval;
        }
        var wait = next.Value - time.GetUtcNow();
        // Due work exists but only for saturated endpoints: a finishing send will wake the loop.
        if (wait <= TimeSpan.Zero)
        {
            return someExcluded ? interval : TimeSpan.FromMilliseconds(1);
        }
        return wait < interval ? wait : interval;
    }

    private async Task StartAsync(List<LeasedDelivery> batch, CancellationToken stoppingToken)
    {
        var (events, targets) = await queue.LoadAsync(batch, stoppingToken);
        foreach (var lease in batch)
        {
            if (!events.TryGetValue(lease.EventId, out var payload) || !targets.TryGetValue(lease.WebhookId, out var target))
            {
                continue; // Deleted with its webhook after the lease was taken.
            }
            var slot = _endpoints.GetOrAdd(lease.WebhookId, _ => new EndpointSlot(options.Value.MaxConcurrencyPerEndpoint));
            Interlocked.Increment(ref slot.Outstanding);
            Interlocked.Increment(ref _inFlight);
            _ = RunAsync(lease, payload, target, slot, stoppingToken);
        }
    }

    private async Task RunAsync(LeasedDelivery lease, EventPayload payload, DeliveryTarget target, EndpointSlot slot, CancellationToken stoppingToken)
    {
        AttemptOutcome outcome;
        try
        {
            await slot.Gate.WaitAsync(stoppingToken);
            try
            {
                // A lease that no longer covers a whole attempt may already be someone else's: hand it back unsent.
                outcome = time.GetUtcNow() + options.Value.Timeout > lease.LeaseUntil
                    ? AttemptOutcome.Abandon(lease, time.GetUtcNow())
                    : target.IsListenSession
                        ? await relay.SendAsync(lease, payload, target, stoppingToken)
                        : await sender.SendAsync(lease, payload, target, stoppingToken);
            }
            finally
            {
                slot.Gate.Release();
            }
        }
        catch (OperationCanceledException)
        {
            outcome = AttemptOutcome.Abandon(lease, time.GetUtcNow());
        }
        catch (Exception e)
        {
            LogSendFailed(logger, e, lease.Id);
            outcome = AttemptOutcome.Abandon(lease, time.GetUtcNow());
        }
        writer.Enqueue(outcome);
        Interlocked.Decrement(ref slot.Outstanding);
        Interlocked.Decrement(ref _inFlight);
        signal.Notify();
    }

    private sealed class EndpointSlot(int limit)
    {
        public readonly SemaphoreSlim Gate = new(limit, limit);
        public int Outstanding;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The delivery loop failed; retrying in a second")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending delivery {DeliveryId} failed unexpectedly; it is handed back")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, long deliveryId);
}
