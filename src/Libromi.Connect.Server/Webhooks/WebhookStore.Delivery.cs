using System.Data.Common;
using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Server.Delivery.Transports;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Webhooks.Signing;

namespace Libromi.Connect.Server.Webhooks;

/// <summary>The statements on <c>webhooks</c> that the delivery engine runs: loading targets, recording health.</summary>
public static partial class WebhookStore
{
    /// <summary>The webhooks as delivery targets; a row that cannot be used (a URL or secret damaged in the store) is left out.</summary>
    public static async Task<Dictionary<string, DeliveryTarget>> TargetsAsync(StoreSession session, IReadOnlyList<string> webhookIds, long nowMs, CancellationToken cancellationToken)
    {
        var targets = new Dictionary<string, DeliveryTarget>(StringComparer.Ordinal);
        await using var select = session.CommandIn(
            "SELECT id, url, enabled, secret, previous_secret, previous_secret_expires_at, transport FROM webhooks WHERE id IN ", webhookIds);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (ReadTarget(reader, nowMs) is { } target)
            {
                targets[target.WebhookId] = target;
            }
        }
        return targets;
    }

    /// <summary>
    /// Applies what a batch of outcomes said about one endpoint: 410 disables it as gone; any success clears its failing
    /// state; only failures start or continue it, and disable it once it has failed since before <paramref name="cutoffMs"/>.
    /// </summary>
    public static async Task RecordHealthAsync(StoreSession session, string webhookId, EndpointHealth health, long nowMs, long cutoffMs, CancellationToken cancellationToken)
    {
        var sql = health switch
        {
            EndpointHealth.Gone => "UPDATE webhooks SET enabled = 0, disabled_reason = 'gone', updated_at = @now WHERE id = @id AND enabled = 1",
            EndpointHealth.Succeeded => "UPDATE webhooks SET failing_since = NULL WHERE id = @id AND failing_since IS NOT NULL",
            EndpointHealth.Failed => """
                UPDATE webhooks SET failing_since = COALESCE(failing_since, @now),
                    enabled = CASE WHEN COALESCE(failing_since, @now) <= @cutoff THEN 0 ELSE enabled END,
                    disabled_reason = CASE WHEN enabled = 1 AND COALESCE(failing_since, @now) <= @cutoff THEN 'failing' ELSE disabled_reason END
                WHERE id = @id
                """,
            _ => null,
        };
        if (sql is null)
        {
            return;
        }
        await using var command = session.Command(sql).With("@id", webhookId).With("@now", nowMs).With("@cutoff", cutoffMs);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DeliveryTarget? ReadTarget(DbDataReader reader, long nowMs)
    {
        try
        {
            var secret = reader.GetString(3);
            var previous = reader.GetNullableString(4);
            var previousActive = previous is not null && reader.GetNullableInt64(5) > nowMs;
            var standard = previousActive ? new WebhookSigner(secret, previous!) : new WebhookSigner(secret);
            var libromi = previousActive ? new WebhookSigner(previous!) : standard;
            return new DeliveryTarget(reader.GetString(0), new Uri(reader.GetString(1)), reader.GetInt64(2) == 1, standard, libromi, (TransportKind)reader.GetInt32(6));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidCastException)
        {
            return null;
        }
    }
}
