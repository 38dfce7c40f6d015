using System.Data.Common;
using System.Threading.Channels;
using Libromi.Connect.Server.Storage;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Delivery;

/// <summary>
/// Records attempt outcomes in batches: one transaction writes every outcome that is waiting, its attempt log, the
/// delivery's next state (succeeded, failed, or pending with the next retry time), and the webhook's health. Each
/// delivery update is fenced by its lease token, so a worker that lost its lease cannot overwrite a newer outcome.
/// </summary>
public sealed partial class OutcomeWriter(Database database, TimeProvider time, RetryPolicy retries, DeliverySignal signal, IOptions<DeliveryOptions> options, ILogger<OutcomeWriter> logger)
{
    private readonly Channel<AttemptOutcome> _queue = Channel.CreateUnbounded<AttemptOutcome>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(AttemptOutcome outcome) => _queue.Writer.TryWrite(outcome);

    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Writes until <see cref="Complete"/> has been called and everything queued is stored.</summary>
    public async Task RunAsync()
    {
        var batch = new List<AttemptOutcome>(options.Value.OutcomeBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < options.Value.OutcomeBatchSize && _queue.Reader.TryRead(out var outcome))
            {
                batch.Add(outcome);
            }
            await WriteWithRetryAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteWithRetryAsync(List<AttemptOutcome> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(batch, CancellationToken.None);
                return;
            }
            catch (Exception e) when (!database.IsUnavailable(e))
            {
                // Something in one of the outcomes is refused: find it, so the rest of the batch (every account's) is stored.
                await WriteApartAsync(batch, e);
                return;
            }
            catch (Exception e) when (attempt < 10)
            {
                // The store is briefly unavailable: the leases still protect these deliveries, so keep trying before giving up.
                LogWriteFailed(logger, e, batch.Count, attempt);
                database.ForgetConnections();
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt * attempt), time);
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
    private async Task WriteApartAsync(List<AttemptOutcome> batch, Exception failure)
    {
        if (batch.Count == 1)
        {
            LogOutcomeRefused(logger, failure, batch[0].Lease.Id);
            var outcome = batch[0];
            var stripped = outcome with
            {
                Error = ResponseText.Readable((outcome.Error is null ? "" : outcome.Error + " ") + "[the receiver's answer could not be stored]"),
                ResponseHeaders = null,
                ResponseBody = null,
            };
            try
            {
                await WriteAsync([stripped], CancellationToken.None);
            }
            catch (Exception e)
            {
                LogBatchDropped(logger, e, 1);
            }
            return;
        }
        var half = batch.Count / 2;
        foreach (var part in new[] { batch.Take(half).ToList(), batch.Skip(half).ToList() })
        {
            try
            {
                await WriteAsync(part, CancellationToken.None);
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

    public async Task WriteAsync(IReadOnlyList<AttemptOutcome> batch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var health = new Dictionary<string, WebhookHealth>(StringComparer.Ordinal);
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        await using var update = scope.Command("""
            UPDATE deliveries SET status = @status, attempt_count = @n, next_attempt_at = @next, last_status_code = @code,
                last_error = @error, updated_at = @now
            WHERE id = @id AND lease_token = @token AND status = 0
            """).With("@status", 0).With("@n", 0).With("@next", 0L).With("@code", null).With("@error", null).With("@now", nowMs)
            .With("@id", 0L).With("@token", 0L);
        await using var insert = scope.Command("""
            INSERT INTO delivery_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error_kind, error, response_headers, response_body)
            VALUES (@id, @n, @started, @duration, @code, @kind, @error, @headers, @body)
            """).With("@id", 0L).With("@n", 0).With("@started", 0L).With("@duration", 0).With("@code", null)
            .With("@kind", null).With("@error", null).With("@headers", null).With("@body", null);
        await using var handBack = scope.Command("UPDATE deliveries SET next_attempt_at = @now WHERE id = @id AND lease_token = @token AND status = 0")
            .With("@now", nowMs).With("@id", 0L).With("@token", 0L);

        var rescheduled = false;
        foreach (var outcome in batch)
        {
            var lease = outcome.Lease;
            if (outcome.Abandoned)
            {
                Set(handBack, "@id", lease.Id);
                Set(handBack, "@token", lease.LeaseToken);
                await handBack.ExecuteNonQueryAsync(cancellationToken);
                rescheduled = true;
                continue;
            }
            var attempt = lease.AttemptCount + 1;
            var gone = outcome.StatusCode == 410;
            var disabled = outcome.ErrorKind == ErrorKinds.WebhookDisabled;
            var (status, next) = outcome.Succeeded ? (1, nowMs)
                : gone || disabled || attempt >= lease.MaxAttempts ? (2, nowMs)
                : (0, (now + retries.DelayAfter(attempt, outcome.RetryAfter)).ToUnixTimeMilliseconds());
            rescheduled |= status == 0;
            Set(update, "@status", status);
            Set(update, "@n", attempt);
            Set(update, "@next", next);
            Set(update, "@code", outcome.StatusCode);
            Set(update, "@error", outcome.Error);
            Set(update, "@id", lease.Id);
            Set(update, "@token", lease.LeaseToken);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                LogStaleOutcome(logger, lease.Id, lease.LeaseToken);
                continue;
            }
            Set(insert, "@id", lease.Id);
            Set(insert, "@n", attempt);
            Set(insert, "@started", outcome.StartedAt.ToUnixTimeMilliseconds());
            Set(insert, "@duration", outcome.DurationMs);
            Set(insert, "@code", outcome.StatusCode);
            Set(insert, "@kind", outcome.ErrorKind);
            Set(insert, "@error", outcome.Error);
            Set(insert, "@headers", outcome.ResponseHeaders);
            Set(insert, "@body", outcome.ResponseBody);
            await insert.ExecuteNonQueryAsync(cancellationToken);

            if (!disabled)
            {
                var h = health.GetValueOrDefault(lease.WebhookId);
                health[lease.WebhookId] = new WebhookHealth(h.AnySuccess || outcome.Succeeded, h.AnyFailure || !outcome.Succeeded, h.Gone || gone);
            }
        }
        await UpdateHealthAsync(scope, health, nowMs, cancellationToken);
        if (rescheduled)
        {
            // A hand-back is due at once and a retry may be due sooner than the dispatcher planned to look again.
            scope.AfterCommit.Add(signal.Notify);
        }
        await scope.CommitAsync(cancellationToken);
    }

    private async Task UpdateHealthAsync(WriteScope scope, Dictionary<string, WebhookHealth> health, long nowMs, CancellationToken cancellationToken)
    {
        var cutoff = nowMs - (long)options.Value.DisableAfter.TotalMilliseconds;
        foreach (var (webhookId, h) in health)
        {
            var sql = h.Gone
                ? "UPDATE webhooks SET enabled = 0, disabled_reason = 'gone', updated_at = @now WHERE id = @id AND enabled = 1"
                : h.AnySuccess
                    ? "UPDATE webhooks SET failing_since = NULL WHERE id = @id AND failing_since IS NOT NULL"
                    : """
                      UPDATE webhooks SET failing_since = COALESCE(failing_since, @now),
                          enabled = CASE WHEN COALESCE(failing_since, @now) <= @cutoff THEN 0 ELSE enabled END,
                          disabled_reason = CASE WHEN enabled = 1 AND COALESCE(failing_since, @now) <= @cutoff THEN 'failing' ELSE disabled_reason END
                      WHERE id = @id
                      """;
            await using var command = scope.Command(sql).With("@id", webhookId).With("@now", nowMs).With("@cutoff", cutoff);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void Set(DbCommand command, string name, object? value) => command.Parameters[name].Value = value ?? DBNull.Value;

    private readonly record struct WebhookHealth(bool AnySuccess, bool AnyFailure, bool Gone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording {Count} delivery outcomes failed (try {Attempt}); retrying")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up recording {Count} delivery outcomes; their leases will expire and they will be attempted again")]
    private static partial void LogBatchDropped(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outcome of delivery {DeliveryId} was refused by the store; it is recorded without the receiver's answer")]
    private static partial void LogOutcomeRefused(ILogger logger, Exception exception, long deliveryId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outcome of delivery {DeliveryId} with lease {LeaseToken} ignored: the lease was taken over")]
    private static partial void LogStaleOutcome(ILogger logger, long deliveryId, long leaseToken);
}
