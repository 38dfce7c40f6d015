using Libromi.Connect.Webhooks.Signing;
using System.Data.Common;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Webhooks;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Delivery;

/// <summary>The delivery engine's side of the store: lease due deliveries, load what sending needs, wait for the next due time.</summary>
public sealed class DeliveryQueue(Database database, TimeProvider time, IOptions<DeliveryOptions> options)
{
    /// <summary>Leases up to <paramref name="limit"/> due deliveries, none for <paramref name="excludedWebhooks"/>, or only for <paramref name="onlyWebhook"/>.</summary>
    public async Task<List<LeasedDelivery>> LeaseAsync(int limit, IReadOnlyList<string> excludedWebhooks, CancellationToken cancellationToken, string? onlyWebhook = null)
    {
        var now = time.GetUtcNow();
        var leaseUntil = now + options.Value.Timeout + options.Value.LeaseMargin;
        var leased = new List<LeasedDelivery>(limit);
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        await using (var lease = scope.Command(onlyWebhook is null ? database.Sql.LeaseDeliveries : database.Sql.LeaseDeliveriesOf)
            .With("@now", now.ToUnixTimeMilliseconds()).With("@lease_until", leaseUntil.ToUnixTimeMilliseconds()).With("@limit", limit))
        {
            if (onlyWebhook is null)
            {
                lease.With("@excluded", database.Sql.WebhookList(excludedWebhooks));
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
        }
        await scope.CommitAsync(cancellationToken);
        return leased;
    }

    /// <summary>
    /// Moves the due deliveries of an endpoint whose circuit has just opened to when it reopens, so leasing does not
    /// step over them meanwhile. Leased deliveries (their <c>next_attempt_at</c> is their lease's end) are left alone.
    /// </summary>
    public async Task DeferAsync(string webhookId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        await using (var defer = scope.Command("""
            UPDATE deliveries SET next_attempt_at = @until
            WHERE webhook_id = @w AND status = 0 AND next_attempt_at <= @now
            """).With("@w", webhookId).With("@until", until.ToUnixTimeMilliseconds()).With("@now", time.GetUtcNow().ToUnixTimeMilliseconds()))
        {
            await defer.ExecuteNonQueryAsync(cancellationToken);
        }
        await scope.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// When the earliest pending delivery due after <paramref name="after"/> falls due (an expired lease counts as due),
    /// or null when none is. Deliveries due by <paramref name="after"/> are left out: after a lease at that time took
    /// nothing, they belong to endpoints that were skipped (saturated, or their circuit open), whose own wake-up comes
    /// from a finishing send or the circuit's reopening. One seek on the due index, however large the backlog.
    /// </summary>
    public async Task<DateTimeOffset?> NextDueAsync(DateTimeOffset after, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.Sql("SELECT MIN(next_attempt_at) FROM deliveries WHERE status = 0 AND next_attempt_at > @after")
            .With("@after", after.ToUnixTimeMilliseconds());
        var value = await select.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull
            ? null
            : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<(Dictionary<string, EventPayload> Events, Dictionary<string, DeliveryTarget> Targets)> LoadAsync(
        IReadOnlyList<LeasedDelivery> batch, CancellationToken cancellationToken)
    {
        var events = new Dictionary<string, EventPayload>(StringComparer.Ordinal);
        var targets = new Dictionary<string, DeliveryTarget>(StringComparer.Ordinal);
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);

        var eventIds = batch.Select(d => d.EventId).Distinct(StringComparer.Ordinal).ToList();
        await using (var select = InList(connection, "SELECT id, type, payload FROM events WHERE id IN ", eventIds))
        {
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                events[reader.GetString(0)] = new EventPayload(reader.GetString(0), reader.GetString(1), (byte[])reader.GetValue(2));
            }
        }

        var webhookIds = batch.Select(d => d.WebhookId).Distinct(StringComparer.Ordinal).ToList();
        await using (var select = InList(connection, "SELECT id, url, enabled, secret, previous_secret, previous_secret_expires_at, session_expires_at FROM webhooks WHERE id IN ", webhookIds))
        {
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (ReadTarget(reader, nowMs) is { } target)
                {
                    targets[target.WebhookId] = target;
                }
            }
        }
        return (events, targets);
    }

    /// <summary>A webhook row as a target, or null when the row cannot be used (a URL or secret damaged in the store).</summary>
    private static DeliveryTarget? ReadTarget(DbDataReader reader, long nowMs)
    {
        try
        {
            var secret = reader.GetString(3);
            var previous = reader.GetNullableString(4);
            var previousActive = previous is not null && reader.GetNullableInt64(5) > nowMs;
            var standard = previousActive ? new WebhookSigner(secret, previous!) : new WebhookSigner(secret);
            var libromi = previousActive ? new WebhookSigner(previous!) : standard;
            return new DeliveryTarget(reader.GetString(0), new Uri(reader.GetString(1)), reader.GetInt64(2) == 1, standard, libromi, !reader.IsDBNull(6));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidCastException)
        {
            return null;
        }
    }

    private static DbCommand InList(DbConnection connection, string sqlPrefix, List<string> values)
    {
        var command = connection.Sql(sqlPrefix + "(" + string.Join(", ", values.Select((_, i) => "@v" + i)) + ")");
        for (var i = 0; i < values.Count; i++)
        {
            command.With("@v" + i, values[i]);
        }
        return command;
    }
}
