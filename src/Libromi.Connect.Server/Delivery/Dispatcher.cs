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
    /// <summary>How long a leased delivery may wait for its endpoint's concurrency slot before it is handed back.</summary>
    private static readonly TimeSpan MaxGateWait = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, EndpointSlot> _endpoints = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writing = Task.Run(writer.RunAsync, CancellationToken.None);
        try
        {
            await LoopAsync(stoppingToken);
        }
        finally
        {
            // The loop starts nothing more; the last attempt to finish (or this check, if none is left) completes the drain.
            // Both sides use a full fence (Exchange, Decrement), so one of them always sees the other's write.
            Interlocked.Exchange(ref _stopping, 1);
            if (Volatile.Read(ref _inFlight) == 0)
            {
                _drained.TrySetResult();
            }
            await _drained.Task;
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
                var now = time.GetUtcNow();
                DateTimeOffset? reopens = null;
                var excluded = new List<string>();
                var probed = 0;
                foreach (var (webhookId, slot) in _endpoints)
                {
                    if (slot.Circuit.HoldsBack)
                    {
                        excluded.Add(webhookId);
                        if (slot.Circuit.OpenUntil(now) is { } until)
                        {
                            reopens = reopens is null || until < reopens ? until : reopens;
                            if (slot.DeferredUntil != until)
                            {
                                slot.DeferredUntil = until;
                                await queue.DeferAsync(webhookId, until, stoppingToken);
                            }
                        }
                        else if (slot.Circuit.TryStartProbe(now))
                        {
                            probed += await ProbeAsync(webhookId, slot.Circuit, stoppingToken);
                        }
                    }
                    else if (Volatile.Read(ref slot.Outstanding) >= o.MaxConcurrencyPerEndpoint)
                    {
                        excluded.Add(webhookId);
                    }
                }
                var leasedAt = time.GetUtcNow();
                var batch = await queue.LeaseAsync(Math.Max(1, Math.Min(capacity - probed, o.LeaseBatchSize)), excluded, stoppingToken);
                if (batch.Count == 0)
                {
                    var idle = probed == 0 ? await WakeTimeAsync(leasedAt, reopens, stoppingToken) - time.GetUtcNow() : TimeSpan.Zero;
                    if (idle > TimeSpan.Zero)
                    {
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
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Sends one due delivery of an endpoint whose cool-down has ended; returns how many were started.</summary>
    private async Task<int> ProbeAsync(string webhookId, EndpointCircuit circuit, CancellationToken stoppingToken)
    {
        List<LeasedDelivery> probe;
        try
        {
            probe = await queue.LeaseAsync(1, [], stoppingToken, webhookId);
        }
        catch
        {
            circuit.ProbeAbandoned();
            throw;
        }
        if (probe.Count == 0)
        {
            circuit.ProbeFoundNothing();
            return 0;
        }
        await StartAsync(probe, stoppingToken);
        return 1;
    }

    /// <summary>
    /// When the idle loop should look again: the next due time after the lease that took nothing, a circuit's
    /// reopening, or the safety-net interval, whichever is first. What was due by then belongs to skipped endpoints and
    /// must not hide everyone else's retries (a finishing send or the reopening wakes the loop for those); what fell due
    /// while the lease ran wakes it at once. An absolute time, so a clock that moves while the store is asked is not
    /// waited out twice.
    /// </summary>
    private async Task<DateTimeOffset> WakeTimeAsync(DateTimeOffset leasedAt, DateTimeOffset? circuitReopens, CancellationToken cancellationToken)
    {
        var wake = time.GetUtcNow() + options.Value.IdleCheckInterval;
        if (circuitReopens < wake)
        {
            wake = circuitReopens.Value;
        }
        if (await queue.NextDueAsync(leasedAt, cancellationToken) is { } due && due < wake)
        {
            wake = due;
        }
        return wake;
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
                writer.Enqueue(new AttemptOutcome(lease, time.GetUtcNow(), 0, null, ErrorKinds.Internal,
                    "The delivery's event or webhook could not be read from the store.", null, null, null));
                continue;
            }
            var slot = _endpoints.GetOrAdd(lease.WebhookId, _ => new EndpointSlot(options.Value));
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
            // Waiting long behind a stalled endpoint would hold capacity the healthy ones need: hand the delivery back.
            if (!await EnterAsync(slot.Gate, stoppingToken))
            {
                Finish(AttemptOutcome.Abandon(lease, time.GetUtcNow()), slot);
                return;
            }
            try
            {
                // Hand back unsent a lease that no longer covers a whole attempt (it may already be someone else's),
                // and what queued up for an endpoint whose circuit opened meanwhile.
                var now = time.GetUtcNow();
                outcome = now + options.Value.Timeout > lease.LeaseUntil || slot.Circuit.OpenUntil(now) is not null
                    ? AttemptOutcome.Abandon(lease, now)
                    : target.IsListenSession
                        ? await relay.SendAsync(lease, payload, target, stoppingToken)
                        : await sender.SendAsync(lease, payload, target, stoppingToken);
            }
            finally
            {
                slot.Gate.Release();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            outcome = AttemptOutcome.Abandon(lease, time.GetUtcNow());
        }
        catch (Exception e)
        {
            // Handing back would send it again at once, unlogged, for as long as the fault lasts: it counts as a failed attempt.
            LogSendFailed(logger, e, lease.Id);
            var (kind, message) = AttemptFailure.Classify(e, answered: false);
            outcome = new AttemptOutcome(lease, time.GetUtcNow(), 0, null, kind, message, null, null, null);
        }
        Finish(outcome, slot);
    }

    private async Task<bool> EnterAsync(SemaphoreSlim gate, CancellationToken stoppingToken)
    {
        if (gate.Wait(0, CancellationToken.None))
        {
            return true;
        }
        using var deadline = new CancellationTokenSource(MaxGateWait, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stoppingToken);
        try
        {
            await gate.WaitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Finish(AttemptOutcome outcome, EndpointSlot slot)
    {
        var wasHoldingBack = slot.Circuit.HoldsBack;
        if (outcome.Abandoned || outcome.ErrorKind == ErrorKinds.WebhookDisabled)
        {
            slot.Circuit.ProbeAbandoned();
        }
        else
        {
            slot.Circuit.Record(outcome.Succeeded, time.GetUtcNow());
        }
        writer.Enqueue(outcome);
        var outstanding = Interlocked.Decrement(ref slot.Outstanding);
        var inFlight = Interlocked.Decrement(ref _inFlight);
        if (inFlight == 0 && Volatile.Read(ref _stopping) == 1)
        {
            _drained.TrySetResult();
        }
        // Wake the loop only when this finish makes room it was waiting for. Waking it on every finish made it lease
        // again and again for an endpoint that is still full, walking every due delivery each time for nothing.
        // (What an outcome schedules, a retry or a hand-back, wakes it through the OutcomeWriter once stored.)
        if (outstanding == options.Value.MaxConcurrencyPerEndpoint - 1
            || inFlight == options.Value.MaxConcurrency - 1
            || (wasHoldingBack && !slot.Circuit.HoldsBack)
            || inFlight == 0)
        {
            signal.Notify();
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A slot lives as long as the dispatcher; its semaphore holds no unmanaged handle unless AvailableWaitHandle is read.")]
    private sealed class EndpointSlot(DeliveryOptions options)
    {
        public readonly SemaphoreSlim Gate = new(options.MaxConcurrencyPerEndpoint, options.MaxConcurrencyPerEndpoint);
        public readonly EndpointCircuit Circuit = new(options);
        // Deliveries due when a circuit opens would sit at the head of the due order, which leasing walks, for the
        // whole cool-down: they are moved to its end once per opening.
        public DateTimeOffset? DeferredUntil;
        public int Outstanding;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The delivery loop failed; retrying in a second")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending delivery {DeliveryId} failed unexpectedly; it is recorded as a failed attempt")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, long deliveryId);
}
