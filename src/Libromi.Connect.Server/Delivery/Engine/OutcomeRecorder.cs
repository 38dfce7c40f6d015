using System.Threading.Channels;
using Libromi.Connect.Server.Events.Operational;
using Libromi.Connect.Server.Stats;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Telemetry;
using Libromi.Connect.Server.Webhooks;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// The record stage, a hosted service of its own: one transaction stores every decided outcome that is waiting, its
/// attempt log, and what the batch said about each endpoint. It stops after the dispatcher (it is registered before
/// it), once <see cref="Complete"/> has been called and all that was queued is stored; the host's shutdown deadline is
/// its own cancellation, and what it could not store then is attempted again when the leases expire. The operational
/// events the batch causes (<see cref="OperationalEvents"/>) are written in the same transaction.
/// </summary>
public sealed partial class OutcomeRecorder(Database database, TimeProvider time, DeliverySignal signal, DeliveryChanges changes, IOptions<DeliveryOptions> options,
    ConnectMetrics metrics, OperationalEvents operational, ILogger<OutcomeRecorder> logger)
    : IHostedService, IDisposable
{
    private readonly Channel<DecidedOutcome> _queue = Channel.CreateUnbounded<DecidedOutcome>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _abandon = new();
    private Task? _running;

    public void Enqueue(LeasedDelivery lease, DeliveryStep step) => _queue.Writer.TryWrite(new DecidedOutcome(lease, step));

    /// <summary>The drain signal: nothing more comes, store what is queued and stop.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Starts writing; unlike a <see cref="BackgroundService"/>, the loop runs even if stopping follows at once, so nothing queued is skipped.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Waits until everything queued is stored; should the host's deadline pass first, gives up what is left.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The dispatcher stopped first and has completed the queue; should it not have (no dispatcher on this node), do it here.
        Complete();
        await using var registration = cancellationToken.Register(_abandon.Cancel);
        if (_running is not null)
        {
            await _running.WaitAsync(cancellationToken);
        }
    }

    public void Dispose() => _abandon.Dispose();

    private async Task RunAsync()
    {
        var batch = new List<DecidedOutcome>(options.Value.OutcomeBatchSize);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < options.Value.OutcomeBatchSize && _queue.Reader.TryRead(out var decided))
            {
                batch.Add(decided);
            }
            await WriteWithRetryAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteWithRetryAsync(List<DecidedOutcome> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(batch, _abandon.Token);
                return;
            }
            catch (Exception e) when (!database.IsUnavailable(e) && !_abandon.IsCancellationRequested)
            {
                // Something in one of the outcomes is refused: find it, so the rest of the batch (every account's) is stored.
                await WriteApartAsync(batch, e);
                return;
            }
            catch (Exception e) when (attempt < 10 && !_abandon.IsCancellationRequested)
            {
                // The store is briefly unavailable: the leases still protect these deliveries, so keep trying before giving up.
                LogWriteFailed(logger, e, batch.Count, attempt);
                database.ForgetConnections();
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt * attempt), time, _abandon.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (Exception e)
            {
                // Leases expire and the deliveries are attempted again: at-least-once still holds.
                LogBatchDropped(logger, e, batch.Count);
                return;
            }
        }
    }

    /// <summary>
    /// Writes a batch that failed in halves, down to the outcome that cannot be stored; that one is recorded without the
    /// receiver's answer, so its attempt is still logged and counted.
    /// </summary>
    private async Task WriteApartAsync(List<DecidedOutcome> batch, Exception failure)
    {
        if (batch.Count == 1)
        {
            LogOutcomeRefused(logger, failure, batch[0].Lease.Id);
            try
            {
                await WriteAsync([Stripped(batch[0])], _abandon.Token);
            }
            catch (Exception e)
            {
                LogBatchDropped(logger, e, 1);
            }
            return;
        }
        var half = batch.Count / 2;
        foreach (var part in new[] { batch[..half], batch[half..] })
        {
            try
            {
                await WriteAsync(part, _abandon.Token);
            }
            catch (Exception e) when (!database.IsUnavailable(e))
            {
                await WriteApartAsync(part, e);
            }
            catch (Exception)
            {
                await WriteWithRetryAsync(part);
            }
        }
    }

    private static DecidedOutcome Stripped(DecidedOutcome decided) => decided.Step.Attempt is not { } attempt ? decided : decided with
    {
        Step = decided.Step with
        {
            Attempt = attempt with
            {
                Error = Transports.ResponseText.Readable((attempt.Error is null ? "" : attempt.Error + " ") + "[the receiver's answer could not be stored]"),
                ResponseHeaders = null,
                ResponseBody = null,
            },
        },
    };

    /// <summary>Stores one batch in one transaction (public for the store compliance tests).</summary>
    public async Task WriteAsync(IReadOnlyList<DecidedOutcome> batch, CancellationToken cancellationToken)
    {
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        var (stored, stale) = await DeliveryStore.RecordAsync(scope, database.Sql, batch, nowMs, cancellationToken);
        foreach (var decided in stale)
        {
            LogStaleOutcome(logger, decided.Lease.Id, decided.Lease.LeaseToken);
        }
        await StatsRollup.AddAsync(scope, stored, nowMs, cancellationToken);
        var standing = await RecordHealthAsync(scope, BatchVerdicts.Health(stored), nowMs, cancellationToken);
        await operational.WriteAsync(scope, stored, standing, cancellationToken);
        await BatchVerdicts.StorePausesAsync(scope, stored, DateTimeOffset.FromUnixTimeMilliseconds(nowMs), cancellationToken);
        if (stored.Exists(d => d.Lease.Ordered && d.Step.Status != DeliveryStatus.Pending))
        {
            // The next delivery of that contact is due already and now leasable, on whichever node has room.
            await scope.WakeWorkersOnCommitAsync(signal.Notify, cancellationToken);
        }
        else if (stored.Exists(d => d.Step.Status == DeliveryStatus.Pending))
        {
            // A hand-back is due at once and a retry may be due sooner than the dispatcher planned to look again.
            scope.AfterCommit.Add(signal.Notify);
        }
        if (stored.Count > 0)
        {
            // Counted before the change is published, so that whoever waits for it finds the counters up to date.
            scope.AfterCommit.Add(() => metrics.RecordOutcomes(stored));
            scope.AfterCommit.Add(changes.Publish);
        }
        await scope.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Moves each webhook the batch spoke about to its next standing (<see cref="DeliveryTransition.Next(WebhookHealth, EndpointHealth, DateTimeOffset, TimeSpan)"/>),
    /// read and written in the batch's transaction. Returns the changes this batch stored.
    /// </summary>
    private async Task<List<HealthChange>> RecordHealthAsync(WriteScope scope, Dictionary<string, EndpointHealth> verdicts, long nowMs, CancellationToken cancellationToken)
    {
        var stored = new List<HealthChange>();
        if (verdicts.Count == 0)
        {
            return stored;
        }
        var now = DateTimeOffset.FromUnixTimeMilliseconds(nowMs);
        foreach (var (webhookId, current) in await WebhookStore.HealthAsync(scope, [.. verdicts.Keys], cancellationToken))
        {
            var next = DeliveryTransition.Next(current, verdicts[webhookId], now, options.Value.DisableAfter);
            if (next != current && await WebhookStore.SaveHealthAsync(scope, webhookId, next, current.Enabled && !next.Enabled, nowMs, cancellationToken))
            {
                stored.Add(new HealthChange(webhookId, current, next));
            }
        }
        return stored;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording {Count} delivery outcomes failed (try {Attempt}); retrying")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up recording {Count} delivery outcomes; their leases will expire and they will be attempted again")]
    private static partial void LogBatchDropped(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outcome of delivery {DeliveryId} was refused by the store; it is recorded without the receiver's answer")]
    private static partial void LogOutcomeRefused(ILogger logger, Exception exception, long deliveryId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outcome of delivery {DeliveryId} with lease {LeaseToken} ignored: the delivery is no longer held by that lease (taken over after it expired, or cancelled by an erasure)")]
    private static partial void LogStaleOutcome(ILogger logger, long deliveryId, long leaseToken);
}
