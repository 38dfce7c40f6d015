using System.Globalization;
using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Delivery;

public static partial class DeliveryStore
{
    /// <summary>Leases up to <paramref name="limit"/> due deliveries, none for <paramref name="excludedWebhooks"/>, or only for <paramref name="onlyWebhook"/>.</summary>
    public static async Task<List<LeasedDelivery>> LeaseAsync(StoreSession session, SqlDialect sql, DateTimeOffset now, DateTimeOffset leaseUntil, int limit,
        IReadOnlyList<string> excludedWebhooks, string? onlyWebhook, CancellationToken cancellationToken)
    {
        var leased = new List<LeasedDelivery>(limit);
        await using var lease = session.Command(onlyWebhook is null ? sql.LeaseDeliveries : sql.LeaseDeliveriesOf)
            .With("@now", now.ToUnixTimeMilliseconds()).With("@lease_until", leaseUntil.ToUnixTimeMilliseconds()).With("@limit", limit);
        if (onlyWebhook is null)
        {
            lease.With("@excluded", sql.WebhookList(excludedWebhooks));
        }
        else
        {
            lease.With("@only", onlyWebhook);
        }
        await using var reader = await lease.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            leased.Add(new LeasedDelivery(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt32(4), reader.GetInt32(5), leaseUntil));
        }
        return leased;
    }

    /// <summary>Moves the webhook's due pending deliveries to <paramref name="until"/>; leased ones (due at their lease's end) are left alone.</summary>
    public static async Task DeferAsync(StoreSession session, string webhookId, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var defer = session.Command("""
            UPDATE deliveries SET next_attempt_at = @until
            WHERE webhook_id = @w AND status = @pending AND next_attempt_at <= @now
            """).With("@w", webhookId).With("@until", until.ToUnixTimeMilliseconds()).With("@now", now.ToUnixTimeMilliseconds())
            .With("@pending", (int)DeliveryStatus.Pending);
        await defer.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The earliest due time of a pending delivery after <paramref name="after"/>: one seek on the due index.</summary>
    public static async Task<DateTimeOffset?> NextDueAsync(StoreSession session, DateTimeOffset after, CancellationToken cancellationToken)
    {
        // The literal status matches the partial due index, which a parameter would not.
        await using var select = session.Command("SELECT MIN(next_attempt_at) FROM deliveries WHERE status = 0 AND next_attempt_at > @after")
            .With("@after", after.ToUnixTimeMilliseconds());
        var value = await select.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Stores what the transition decided for each leased delivery: its state, and the attempt it logs. Each update is
    /// fenced by the lease token, so a worker that lost its lease cannot overwrite a newer outcome; those come back in
    /// the second list and change nothing.
    /// </summary>
    public static async Task<(List<DecidedOutcome> Stored, List<DecidedOutcome> Stale)> RecordAsync(StoreSession session, IReadOnlyList<DecidedOutcome> batch,
        long nowMs, CancellationToken cancellationToken)
    {
        await using var update = session.Command("""
            UPDATE deliveries SET status = @status, attempt_count = @n, next_attempt_at = @next, last_status_code = @code,
                last_error = @error, updated_at = @now
            WHERE id = @id AND lease_token = @token AND status = @pending
            """).With("@status", 0).With("@n", 0).With("@next", 0L).With("@code", null).With("@error", null).With("@now", nowMs)
            .With("@id", 0L).With("@token", 0L).With("@pending", (int)DeliveryStatus.Pending);
        await using var insert = session.Command("""
            INSERT INTO delivery_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error_kind, error, response_headers, response_body)
            VALUES (@id, @n, @started, @duration, @code, @kind, @error, @headers, @body)
            """).With("@id", 0L).With("@n", 0).With("@started", 0L).With("@duration", 0).With("@code", null)
            .With("@kind", null).With("@error", null).With("@headers", null).With("@body", null);
        await using var handBack = session.Command("UPDATE deliveries SET next_attempt_at = @next WHERE id = @id AND lease_token = @token AND status = @pending")
            .With("@next", 0L).With("@id", 0L).With("@token", 0L).With("@pending", (int)DeliveryStatus.Pending);

        var stored = new List<DecidedOutcome>(batch.Count);
        var stale = new List<DecidedOutcome>();
        foreach (var decided in batch)
        {
            var (lease, step) = (decided.Lease, decided.Step);
            var command = step.HandedBack ? handBack : update;
            command.Set("@id", lease.Id).Set("@token", lease.LeaseToken).Set("@next", step.NextAttemptAt.ToUnixTimeMilliseconds());
            if (step.Attempt is { } attempt)
            {
                update.Set("@status", (int)step.Status).Set("@n", attempt.Attempt).Set("@code", attempt.StatusCode).Set("@error", attempt.Error);
            }
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                stale.Add(decided);
                continue;
            }
            stored.Add(decided);
            if (step.Attempt is { } log)
            {
                insert.Set("@id", lease.Id).Set("@n", log.Attempt).Set("@started", log.StartedAt.ToUnixTimeMilliseconds()).Set("@duration", log.DurationMs)
                    .Set("@code", log.StatusCode).Set("@kind", log.ErrorKind).Set("@error", log.Error).Set("@headers", log.ResponseHeaders).Set("@body", log.ResponseBody);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        return (stored, stale);
    }
}
