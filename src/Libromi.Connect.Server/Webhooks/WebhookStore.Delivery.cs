using System.Data.Common;
using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Server.Delivery.Transports;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Webhooks.Auth;
using Libromi.Connect.Server.Webhooks.Headers;
using Libromi.Connect.Webhooks.Signing;

namespace Libromi.Connect.Server.Webhooks;

/// <summary>The statements on <c>webhooks</c> that the delivery engine runs: loading targets, recording health.</summary>
public static partial class WebhookStore
{
    /// <summary>
    /// The webhooks as delivery targets; a row that cannot be used (a URL, secret, headers, auth or signing key damaged in
    /// the store) is left out, so its deliveries fail alone.
    /// </summary>
    public static async Task<Dictionary<string, DeliveryTarget>> TargetsAsync(StoreSession session, IReadOnlyList<string> webhookIds, long nowMs, CancellationToken cancellationToken)
    {
        var targets = new Dictionary<string, DeliveryTarget>(StringComparer.Ordinal);
        await using var select = session.CommandIn(
            "SELECT id, url, enabled, secret, previous_secret, previous_secret_expires_at, transport, headers, auth, signing, signing_key, previous_signing_key FROM webhooks WHERE id IN ", webhookIds);
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

    /// <summary>The standing of the webhooks that still exist among <paramref name="webhookIds"/>.</summary>
    public static async Task<Dictionary<string, WebhookHealth>> HealthAsync(StoreSession session, IReadOnlyList<string> webhookIds, CancellationToken cancellationToken)
    {
        var health = new Dictionary<string, WebhookHealth>(StringComparer.Ordinal);
        await using var select = session.CommandIn("SELECT id, enabled, failing_since, disabled_reason FROM webhooks WHERE id IN ", webhookIds);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            health[reader.GetString(0)] = new WebhookHealth(reader.GetInt64(1) == 1, reader.GetNullableTime(2), reader.GetNullableString(3));
        }
        return health;
    }

    /// <summary>
    /// Stores a webhook's new failing streak and, with <paramref name="disable"/>, disables it for the new reason. The
    /// engine only ever disables: another node that read the webhook before it was disabled cannot enable it again.
    /// Returns whether this call made the change, so that of two nodes deciding it at once only one reports it: false
    /// when the webhook was disabled already, or, ending a streak, when it had none left.
    /// </summary>
    public static async Task<bool> SaveHealthAsync(StoreSession session, string webhookId, WebhookHealth health, bool disable, long nowMs, CancellationToken cancellationToken)
    {
        await using var update = session.Command(disable
            ? """
              UPDATE webhooks SET failing_since = @since, enabled = 0, disabled_reason = @reason, updated_at = @now
              WHERE id = @id AND enabled = 1
              """
            : health.FailingSince is null
                ? "UPDATE webhooks SET failing_since = NULL WHERE id = @id AND failing_since IS NOT NULL"
                : "UPDATE webhooks SET failing_since = @since WHERE id = @id")
            .With("@id", webhookId);
        if (disable || health.FailingSince is not null)
        {
            update.With("@since", health.FailingSince?.ToUnixTimeMilliseconds());
        }
        if (disable)
        {
            update.With("@reason", health.DisabledReason).With("@now", nowMs);
        }
        return await update.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static DeliveryTarget? ReadTarget(DbDataReader reader, long nowMs)
    {
        try
        {
            var secret = reader.GetString(3);
            var previous = reader.GetNullableString(4);
            var previousActive = previous is not null && reader.GetNullableInt64(5) > nowMs;
            var standard = new WebhookSigner(secret, previousActive ? [previous!] : [], SigningKeys(reader, previousActive));
            var libromi = previousActive ? new WebhookSigner(previous!) : standard;
            return new DeliveryTarget(reader.GetString(0), new Uri(reader.GetString(1)), reader.GetInt64(2) == 1, standard, libromi, (TransportKind)reader.GetInt32(6))
            {
                Headers = CustomHeaders.Parse(reader.GetNullableString(7)),
                Auth = AuthJson.Parse(reader.GetNullableString(8)),
            };
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidCastException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>An <c>ed25519</c> webhook's key pairs, the current first; a missing or damaged key throws <see cref="FormatException"/>.</summary>
    private static WebhookSigningKey[] SigningKeys(DbDataReader reader, bool previousActive)
    {
        if (WebhookSigning.Name(reader.GetInt64(9)) != WebhookSigning.Ed25519)
        {
            return [];
        }
        var current = WebhookSigningKey.Parse(reader.GetNullableString(10) ?? throw new FormatException("An ed25519 webhook has no signing key."));
        return previousActive && reader.GetNullableString(11) is { } previous ? [current, WebhookSigningKey.Parse(previous)] : [current];
    }
}
