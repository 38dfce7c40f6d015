using Libromi.Connect.Server.Delivery.Outcomes;
using Libromi.Connect.Server.Delivery.Transports;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// The delivery loop, one stage after another: lease due deliveries while there is capacity (<see cref="DeliveryQueue"/>),
/// let the <see cref="EndpointGovernor"/> admit each attempt, run it (<see cref="AttemptRunner"/>), decide what its
/// outcome means (<see cref="DeliveryTransition"/>) and hand that to the <see cref="OutcomeRecorder"/>. Idle, it sleeps
/// until a commit wakes it, a send finishes, or the next retry falls due — never a polling loop on the hot path.
/// </summary>
public sealed partial class Dispatcher(
    DeliveryQueue queue,
    EndpointGovernor governor,
    AttemptRunner runner,
    RetryPolicy retries,
    OutcomeRecorder recorder,
    DeliverySignal signal,
    DispatcherHeartbeat heartbeat,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<Dispatcher> logger) : BackgroundService
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Attempts started (waiting for their endpoint's slot or sending): the drain waits for all of them.
    private int _inFlight;

    // Attempts holding a slot: the node's capacity. Waiting for a busy endpoint takes none, so a slow endpoint's queue
    // never holds up the healthy ones.
    private int _sending;
    private int _stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Exception? fault = null;
        try
        {
            heartbeat.Working();
            await LoopAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            fault = e;
            throw;
        }
        finally
        {
            heartbeat.Stopped(fault);
            // The loop starts nothing more; the last attempt to finish (or this check, if none is left) completes the drain.
            // Both sides use a full fence (Exchange, Decrement), so one of them always sees the other's write.
            Interlocked.Exchange(ref _stopping, 1);
            if (Volatile.Read(ref _inFlight) == 0)
            {
                _drained.TrySetResult();
            }
            await _drained.Task;
            recorder.Complete();
        }
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            heartbeat.Working();
            try
            {
                var capacity = o.MaxConcurrency - Volatile.Read(ref _sending);
                if (capacity <= 0)
                {
                    heartbeat.Waiting(o.IdleCheckInterval);
                    await signal.WaitAsync(o.IdleCheckInterval, time, stoppingToken);
                    continue;
                }
                var survey = governor.Survey(time.GetUtcNow());
                foreach (var released in survey.Released)
                {
                    await queue.ReleaseAsync(released, stoppingToken);
                }
                var probed = 0;
                foreach (var webhookId in survey.Probes)
                {
                    probed += await ProbeAsync(webhookId, stoppingToken);
                }
                var leasedAt = time.GetUtcNow();
                var (batch, held) = await queue.LeaseAsync(Math.Max(1, Math.Min(capacity - probed, o.LeaseBatchSize)), survey.Excluded, survey.Held, stoppingToken);
                if (batch.Count == 0)
                {
                    if (held > 0)
                    {
                        // Only held deliveries came first in the due order; what is due behind them is leased next.
                        continue;
                    }
                    var idle = probed == 0 ? await queue.WakeTimeAsync(leasedAt, survey.Reopens, stoppingToken) - time.GetUtcNow() : TimeSpan.Zero;
                    if (idle > TimeSpan.Zero)
                    {
                        heartbeat.Waiting(idle);
                        await signal.WaitAsync(idle, time, stoppingToken);
                    }
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
                heartbeat.Waiting(TimeSpan.FromSeconds(1));
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Sends one due delivery of an endpoint whose cool-down has ended; returns how many were started.</summary>
    private async Task<int> ProbeAsync(string webhookId, CancellationToken stoppingToken)
    {
        List<LeasedDelivery> probe;
        try
        {
            probe = await queue.LeaseAsync(1, [], stoppingToken, webhookId);
        }
        catch
        {
            governor.CircuitOf(webhookId)?.ProbeAbandoned();
            throw;
        }
        if (probe.Count == 0)
        {
            governor.CircuitOf(webhookId)?.ProbeFoundNothing();
            return 0;
        }
        await StartAsync(probe, stoppingToken);
        return 1;
    }

    private async Task StartAsync(List<LeasedDelivery> batch, CancellationToken stoppingToken)
    {
        var (events, targets) = await queue.LoadAsync(batch, stoppingToken);
        foreach (var lease in batch)
        {
            if (!events.TryGetValue(lease.EventId, out var payload) || !targets.TryGetValue(lease.WebhookId, out var target))
            {
                // Deleted with its webhook after the lease was taken (then this outcome finds no row), or damaged in the
                // store: a failed attempt, so the row follows its retry schedule instead of coming back with every lease.
                var unreadable = new Failed(lease, time.GetUtcNow(), 0, ErrorKinds.Internal, "The delivery's event or webhook could not be read from the store.");
                recorder.Enqueue(lease, DeliveryTransition.Next(lease, unreadable, time.GetUtcNow(), retries));
                continue;
            }
            Interlocked.Increment(ref _inFlight);
            _ = RunAsync(lease, payload, target, stoppingToken);
        }
    }

    private async Task RunAsync(LeasedDelivery lease, EventPayload payload, DeliveryTarget target, CancellationToken stoppingToken)
    {
        AttemptOutcome outcome;
        EndpointPermit? permit = null;
        try
        {
            // The endpoint's rate limit gave this delivery a send slot: wait for it, holding nothing but the lease. The
            // wait is read once: read twice, the clock could pass the slot in between and leave a negative delay.
            if (lease.SendAt - time.GetUtcNow() is { } wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            // A delivery waits for its endpoint's slot only while its lease still covers a whole attempt.
            permit = await governor.AcquireAsync(lease.WebhookId, lease.LeaseUntil - options.Value.Timeout, stoppingToken);
            if (permit is not null)
            {
                Interlocked.Increment(ref _sending);
            }
            var now = time.GetUtcNow();
            outcome = permit is null ? new Skipped(lease, now, SkipReason.EndpointBusy)
                : governor.IsOpen(lease.WebhookId, now) ? new Skipped(lease, now, SkipReason.CircuitOpen)
                : governor.PausedUntil(lease.WebhookId, now) is { } paused ? new Skipped(lease, now, SkipReason.EndpointPaused, paused)
                : lease.SendAt + RateBudget.Lateness(options.Value.RateLimitMargin) < now ? new Skipped(lease, now, SkipReason.RateLimited)
                : await runner.RunAsync(lease, payload, target, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            outcome = new Skipped(lease, time.GetUtcNow(), SkipReason.ShuttingDown);
        }
        catch (Exception e)
        {
            LogGovernorFailed(logger, e, lease.Id);
            outcome = Failed.Unforeseen(lease, time.GetUtcNow(), 0, e);
        }
        Finish(outcome, permit);
    }

    private void Finish(AttemptOutcome outcome, EndpointPermit? permit)
    {
        var lease = outcome.Lease;
        var now = time.GetUtcNow();
        var step = DeliveryTransition.Next(lease, outcome, now, retries);
        var (madeRoom, reopened) = governor.Finish(permit, lease.WebhookId, step.Health, now, step.Pressure);
        var sending = permit is null ? Volatile.Read(ref _sending) : Interlocked.Decrement(ref _sending);
        recorder.Enqueue(lease, step);
        var inFlight = Interlocked.Decrement(ref _inFlight);
        if (inFlight == 0 && Volatile.Read(ref _stopping) == 1)
        {
            _drained.TrySetResult();
        }
        // Wake the loop only when this finish makes room it was waiting for. Waking it on every finish made it lease
        // again and again for an endpoint that is still full, walking every due delivery each time for nothing.
        // (What an outcome schedules, a retry or a hand-back, wakes it through the recorder once stored.)
        if (madeRoom || reopened || (permit is not null && sending == options.Value.MaxConcurrency - 1) || inFlight == 0)
        {
            signal.Notify();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The delivery loop failed; retrying in a second")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Admitting delivery {DeliveryId} failed unexpectedly; it is recorded as a failed attempt")]
    private static partial void LogGovernorFailed(ILogger logger, Exception exception, long deliveryId);
}
