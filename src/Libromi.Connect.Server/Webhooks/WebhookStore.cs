using System.Data.Common;
using System.Text.Json;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Delivery.Transports;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Webhooks.Signing;
using Libromi.Connect.Server.Webhooks.Auth;
using Libromi.Connect.Server.Webhooks.Headers;

namespace Libromi.Connect.Server.Webhooks;

/// <summary>SQL for webhooks.</summary>
public static partial class WebhookStore
{
    // The secret is no column of a read: only create and rotate answer it, and GET /webhooks/{id}/secret.
    private const string Columns = "id, url, events, description, enabled, disabled_reason, previous_secret_expires_at, created_at, updated_at, ordering, rate_limit, filter, headers, auth";

    // The signing keys are read only to answer their public halves; SetSigningAsync writes them.
    private const string ReadColumns = Columns + ", signing, signing_key, previous_signing_key";

    public static async Task InsertAsync(StoreSession session, string accountId, Webhook webhook, long mask, long? sessionExpiresAt, WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        await using var insert = session.Command($"""
            INSERT INTO webhooks (account_id, account_disabled, event_mask, session_expires_at, transport, secret, {Columns})
            VALUES (@a, COALESCE((SELECT 1 FROM accounts WHERE id = @a AND disabled_at IS NOT NULL), 0), @mask, @session, @transport, @secret, @id, @url, @events, @d, @e, NULL, NULL, @c, @u, @o, @r, @f, @h, @auth)
            """).With("@a", accountId).With("@mask", mask).With("@session", sessionExpiresAt)
            .With("@transport", (int)(sessionExpiresAt is null ? TransportKind.Http : TransportKind.Listen)).With("@id", webhook.Id).With("@url", webhook.Url)
            .With("@events", JsonSerializer.Serialize(webhook.Events)).With("@d", webhook.Description).With("@e", webhook.Enabled ? 1 : 0)
            .With("@secret", webhook.Secret).With("@c", webhook.CreatedAt.ToUnixTimeMilliseconds()).With("@u", webhook.UpdatedAt.ToUnixTimeMilliseconds())
            .With("@o", WebhookOrdering.Code(webhook.Ordering)).With("@r", webhook.RateLimit).With("@f", FilterText(webhook))
            .With("@h", CustomHeaders.Json(endpoint.Headers)).With("@auth", AuthJson.Json(endpoint.Auth));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Saves URL, events, description, enabled state, ordering, rate limit, filter, headers and auth; enabling clears the disabled reason and
    /// the failure streak. Turning ordering off frees the deliveries already queued in order: they go out as they fall
    /// due. (Turning it on orders the deliveries queued from then on: those already queued carry no contact to order by.)
    /// </summary>
    public static async Task UpdateAsync(StoreSession session, string accountId, Webhook webhook, long mask, WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        await using var update = session.Command("""
            UPDATE webhooks SET url = @url, events = @events, event_mask = @mask, description = @d, enabled = @e,
                disabled_reason = CASE WHEN @e = 1 THEN NULL ELSE disabled_reason END,
                failing_since = CASE WHEN @e = 1 THEN NULL ELSE failing_since END,
                ordering = @o, rate_limit = @r, filter = @f, headers = @h, auth = @auth, updated_at = @u
            WHERE account_id = @a AND id = @id
            """).With("@a", accountId).With("@id", webhook.Id).With("@url", webhook.Url).With("@events", JsonSerializer.Serialize(webhook.Events))
            .With("@mask", mask).With("@d", webhook.Description).With("@e", webhook.Enabled ? 1 : 0)
            .With("@u", webhook.UpdatedAt.ToUnixTimeMilliseconds()).With("@o", WebhookOrdering.Code(webhook.Ordering)).With("@r", webhook.RateLimit)
            .With("@f", FilterText(webhook)).With("@h", CustomHeaders.Json(endpoint.Headers)).With("@auth", AuthJson.Json(endpoint.Auth));
        await update.ExecuteNonQueryAsync(cancellationToken);
        if (webhook.Ordering == WebhookOrdering.None)
        {
            await using var unorder = session.Command("UPDATE deliveries SET ordering_key = NULL WHERE webhook_id = @id AND status = 0 AND ordering_key IS NOT NULL")
                .With("@id", webhook.Id);
            await unorder.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Rotates the secret and, for an <c>ed25519</c> webhook, the key pair (<paramref name="newSigningKey"/>, null for
    /// <c>hmac</c>): the previous ones sign too until <paramref name="previousExpiresAt"/>.
    /// </summary>
    public static async Task RotateSecretAsync(StoreSession session, string accountId, string id, string newSecret, string? newSigningKey, long previousExpiresAt, long now, CancellationToken cancellationToken)
    {
        await using var update = session.Command("""
            UPDATE webhooks SET previous_secret = secret, previous_secret_expires_at = @exp, secret = @s, updated_at = @u,
                previous_signing_key = signing_key, signing_key = @k
            WHERE account_id = @a AND id = @id
            """).With("@a", accountId).With("@id", id).With("@exp", previousExpiresAt).With("@s", newSecret).With("@u", now).With("@k", newSigningKey);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Sets the signing scheme with its new private key (null for <c>hmac</c>); a rotated-out key stops signing.</summary>
    public static async Task SetSigningAsync(StoreSession session, string accountId, string id, string signing, string? signingKey, CancellationToken cancellationToken)
    {
        await using var update = session.Command("""
            UPDATE webhooks SET signing = @sg, signing_key = @k, previous_signing_key = NULL WHERE account_id = @a AND id = @id
            """).With("@a", accountId).With("@id", id).With("@sg", WebhookSigning.Code(signing)).With("@k", signingKey);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes the webhook with its deliveries and their attempt logs.</summary>
    public static async Task<bool> DeleteAsync(StoreSession session, string accountId, string id, CancellationToken cancellationToken)
    {
        await DeliveryStore.DeleteOfWebhookAsync(session, accountId, id, cancellationToken);
        await using var webhook = session.Command("DELETE FROM webhooks WHERE id = @id AND account_id = @a").With("@a", accountId).With("@id", id);
        return await webhook.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public static async Task<Webhook?> FindAsync(StoreSession session, string accountId, string id, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"SELECT {ReadColumns} FROM webhooks WHERE account_id = @a AND id = @id AND session_expires_at IS NULL")
            .With("@a", accountId).With("@id", id);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>The webhook's headers and auth with their secrets, for a change to start from.</summary>
    public static async Task<WebhookEndpoint> FindEndpointAsync(StoreSession session, string accountId, string id, CancellationToken cancellationToken)
    {
        await using var select = session.Command("SELECT headers, auth FROM webhooks WHERE account_id = @a AND id = @id").With("@a", accountId).With("@id", id);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new WebhookEndpoint(CustomHeaders.Parse(reader.GetNullableString(0)), AuthJson.Parse(reader.GetNullableString(1)))
            : WebhookEndpoint.None;
    }

    /// <summary>The webhook's signing secret, and the previous one while it still signs (at <paramref name="nowMs"/>).</summary>
    public static async Task<WebhookSecretResponse?> FindSecretAsync(StoreSession session, string accountId, string id, long nowMs, CancellationToken cancellationToken)
    {
        await using var select = session.Command("""
            SELECT secret, previous_secret, previous_secret_expires_at FROM webhooks
            WHERE account_id = @a AND id = @id AND session_expires_at IS NULL
            """).With("@a", accountId).With("@id", id);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var previousSigns = reader.GetNullableInt64(2) > nowMs;
        return new WebhookSecretResponse(reader.GetString(0), previousSigns ? reader.GetNullableString(1) : null,
            previousSigns ? reader.GetNullableTime(2) : null);
    }

    /// <summary>True for a webhook or a listen session of the account: both have deliveries to look at.</summary>
    public static async Task<bool> HasDeliveryTargetAsync(StoreSession session, string accountId, string id, CancellationToken cancellationToken)
    {
        await using var select = session.Command("SELECT COUNT(*) FROM webhooks WHERE account_id = @a AND id = @id").With("@a", accountId).With("@id", id);
        return Convert.ToInt64(await select.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public static async Task<Page<Webhook>> ListAsync(StoreSession session, string accountId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"""
            SELECT {ReadColumns} FROM webhooks WHERE account_id = @a AND session_expires_at IS NULL{(page.After is null ? "" : " AND id < @after")}
            ORDER BY id DESC LIMIT @limit
            """).With("@a", accountId).With("@after", page.After).With("@limit", page.Limit + 1);
        var rows = new List<Webhook>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }
        return page.ToPage(rows, w => w.Id);
    }

    private static Webhook Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        JsonSerializer.Deserialize<string[]>(reader.GetString(2))!,
        reader.GetNullableString(3),
        reader.GetInt64(4) == 1,
        reader.GetNullableString(5),
        WebhookOrdering.Name(reader.GetInt64(9)),
        reader.IsDBNull(10) ? null : reader.GetInt32(10),
        reader.IsDBNull(11) ? null : ReadFilter(reader.GetString(11)),
        CustomHeaders.Hints(CustomHeaders.Parse(reader.GetNullableString(12))),
        AuthJson.View(AuthJson.Parse(reader.GetNullableString(13))),
        WebhookSigning.Name(reader.GetInt64(14)),
        PublicKeyOf(reader.GetNullableString(15)),
        PublicKeyOf(reader.GetNullableString(16)),
        null,
        reader.GetNullableTime(6),
        reader.GetTime(7),
        reader.GetTime(8));

    /// <summary>A damaged key answers no public key rather than failing the read: its deliveries fail instead.</summary>
    private static string? PublicKeyOf(string? privateKey) => WebhookSigningKey.TryParse(privateKey, out var key) ? key.PublicKey : null;

    private static string? FilterText(Webhook webhook) => webhook.Filter?.GetRawText();

    // A filter damaged in the store (not JSON) reads back as a JSON string of its text: GET still answers, and a PATCH
    // of other fields writes back that string, which fan-out treats as matching nothing, as it did the damaged text.
    private static JsonElement ReadFilter(string stored)
    {
        try
        {
            return JsonElement.Parse(stored);
        }
        catch (JsonException)
        {
            return JsonElement.Parse("\"" + JsonEncodedText.Encode(stored).Value + "\"");
        }
    }
}
