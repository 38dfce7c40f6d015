using System.Text.Json;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Events;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Webhooks.Auth;
using Libromi.Connect.Server.Webhooks.Headers;
using Libromi.Connect.Server.Webhooks.Filters;
using Libromi.Connect.Webhooks.Signing;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Webhooks;

/// <summary>
/// Webhooks of an account; requests arrive validated by <see cref="WebhookValidation"/>. A null answer means the
/// account has no webhook with that id.
/// </summary>
public sealed class WebhookService(Database database, EventWriter events, DeliverySignal signal, DeliveryChanges changes, IdGenerator ids, TimeProvider time, IOptions<DeliveryOptions> options)
{
    public bool AllowPrivateNetworks => options.Value.AllowPrivateNetworks;

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<Webhook> CreateAsync(WriteScope scope, string accountId, CreateWebhookRequest request, WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var signing = request.Signing ?? WebhookSigning.Hmac;
        var key = signing == WebhookSigning.Ed25519 ? WebhookSigningKey.Generate() : null;
        var webhook = new Webhook(ids.New("whk"), request.Url!, request.Events!, request.Description, request.Enabled ?? true, null,
            request.Ordering ?? WebhookOrdering.None, request.RateLimit, request.Filter, CustomHeaders.Hints(endpoint.Headers), AuthJson.View(endpoint.Auth),
            signing, key?.PublicKey, null, WebhookSecret.Generate(), null, now, now);
        await WebhookStore.InsertAsync(scope, accountId, webhook, EventCatalog.MaskOf(webhook.Events), null, endpoint, cancellationToken);
        if (key is not null)
        {
            await WebhookStore.SetSigningAsync(scope, accountId, webhook.Id, signing, key.PrivateKey, cancellationToken);
        }
        return webhook;
    }

    public async Task<Webhook?> FindAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await WebhookStore.FindAsync(session, accountId, id, cancellationToken);
    }

    /// <summary>The filter test of an event's body or of a stored event (<see cref="FilterTestRequest"/>); writes nothing.</summary>
    public async Task<FilterTestOutcome> TestFilterAsync(string accountId, string id, FilterTestRequest request, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        if (await WebhookStore.FindAsync(session, accountId, id, cancellationToken) is not { } webhook)
        {
            return FilterTestOutcome.NoWebhook;
        }
        if (request.EventId is not { } eventId)
        {
            return new FilterTestOutcome(FilterTest.Run(webhook, request.Event!.Value));
        }
        if (await EventStore.FindAsync(session, accountId, eventId, cancellationToken) is not { } payload)
        {
            return FilterTestOutcome.NoEvent;
        }
        using var envelope = JsonDocument.Parse(payload);
        return new FilterTestOutcome(FilterTest.Run(webhook, envelope.RootElement));
    }

    public async Task<WebhookSecretResponse?> FindSecretAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await WebhookStore.FindSecretAsync(session, accountId, id, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
    }

    public async Task<Page<Webhook>> ListAsync(string accountId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await WebhookStore.ListAsync(session, accountId, page, cancellationToken);
    }

    /// <summary>
    /// Checks <c>headers</c> and <c>auth</c> against the webhook's current ones into <paramref name="validator"/>, and
    /// changes nothing when they are invalid (answering null).
    /// </summary>
    public async Task<Webhook?> UpdateAsync(string accountId, string id, UpdateWebhookRequest request, Validator validator, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        if (await WebhookStore.FindAsync(scope, accountId, id, cancellationToken) is not { } current)
        {
            return null;
        }
        var endpoint = EndpointValidation.Check(validator, EndpointRequests.Headers(validator, request.Headers), request.Auth.ValueKind != JsonValueKind.Undefined,
            EndpointRequests.Auth(validator, request.Auth), await WebhookStore.FindEndpointAsync(scope, accountId, id, cancellationToken),
            request.Url ?? current.Url, request.Url is not null, AllowPrivateNetworks, time.GetUtcNow());
        if (endpoint is null)
        {
            return null;
        }
        var enabled = request.Enabled ?? current.Enabled;
        var updated = current with
        {
            Url = request.Url ?? current.Url,
            Events = request.Events ?? current.Events,
            Description = request.Description is null ? current.Description : request.Description.Length == 0 ? null : request.Description,
            Enabled = enabled,
            DisabledReason = enabled ? null : request.Enabled == false ? "disabled_by_user" : current.DisabledReason,
            Ordering = request.Ordering ?? current.Ordering,
            RateLimit = request.RateLimit.ValueKind switch
            {
                JsonValueKind.Undefined => current.RateLimit,
                JsonValueKind.Null => null,
                _ => request.RateLimit.GetInt32(),
            },
            Filter = request.Filter.ValueKind switch
            {
                JsonValueKind.Undefined => current.Filter,
                JsonValueKind.Null => null,
                _ => request.Filter,
            },
            Headers = CustomHeaders.Hints(endpoint.Headers),
            Auth = AuthJson.View(endpoint.Auth),
            UpdatedAt = time.GetUtcNow(),
        };
        await WebhookStore.UpdateAsync(scope, accountId, updated, EventCatalog.MaskOf(updated.Events), endpoint, cancellationToken);
        if (request.Signing is { } signing && signing != current.Signing)
        {
            // Switching to hmac drops the key pair, so a later switch back makes a new one rather than reviving an old key.
            var key = signing == WebhookSigning.Ed25519 ? WebhookSigningKey.Generate() : null;
            await WebhookStore.SetSigningAsync(scope, accountId, id, signing, key?.PrivateKey, cancellationToken);
            updated = updated with { Signing = signing, PublicKey = key?.PublicKey, PreviousPublicKey = null };
        }
        await scope.CommitAsync(cancellationToken);
        return updated;
    }

    public async Task<bool> DeleteAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        if (!await WebhookStore.DeleteAsync(scope, accountId, id, cancellationToken))
        {
            return false;
        }
        scope.AfterCommit.Add(changes.Publish);
        await scope.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The webhook with its new secret, and its new key pair if it is <c>ed25519</c>; the previous ones sign too for
    /// <see cref="DeliveryOptions.SecretGracePeriod"/>.
    /// </summary>
    public async Task<Webhook?> RotateSecretAsync(WriteScope scope, string accountId, string id, CancellationToken cancellationToken)
    {
        if (await WebhookStore.FindAsync(scope, accountId, id, cancellationToken) is not { } current)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var secret = WebhookSecret.Generate();
        var key = current.Signing == WebhookSigning.Ed25519 ? WebhookSigningKey.Generate().PrivateKey : null;
        await WebhookStore.RotateSecretAsync(scope, accountId, id, secret, key,
            (now + options.Value.SecretGracePeriod).ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), cancellationToken);
        return (await WebhookStore.FindAsync(scope, accountId, id, cancellationToken))! with { Secret = secret };
    }

    /// <summary>Sends a <c>webhook.test</c> event to this webhook alone.</summary>
    public async Task<TestWebhookResponse?> TestAsync(WriteScope scope, string accountId, string id, CancellationToken cancellationToken)
    {
        if (await WebhookStore.FindAsync(scope, accountId, id, cancellationToken) is not { } webhook)
        {
            return null;
        }
        var eventId = await events.AppendAsync(scope, accountId, EventCatalog.TestPing(webhook.Id, webhook.Url), cancellationToken, onlyWebhookId: webhook.Id);
        var deliveryId = await DeliveryStore.FindIdByEventAsync(scope, eventId, webhook.Id, cancellationToken);
        return new TestWebhookResponse(eventId, DeliveryStore.PublicId(deliveryId));
    }

    /// <summary>Queues the webhook's failed deliveries created since then for one more attempt.</summary>
    public async Task<RecoverWebhookResponse?> RecoverAsync(WriteScope scope, string accountId, string id, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (await WebhookStore.FindAsync(scope, accountId, id, cancellationToken) is null)
        {
            return null;
        }
        var count = await DeliveryStore.RequeueFailedAsync(scope, accountId, id, since.ToUnixTimeMilliseconds(), time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        await scope.WakeWorkersOnCommitAsync(signal.Notify, cancellationToken);
        scope.AfterCommit.Add(changes.Publish);
        return new RecoverWebhookResponse(count);
    }
}
