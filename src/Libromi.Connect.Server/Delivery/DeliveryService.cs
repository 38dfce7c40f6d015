using System.Globalization;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Webhooks;

namespace Libromi.Connect.Server.Delivery;

/// <summary>The delivery log of an account's webhooks and listen sessions, and manual retries.</summary>
public sealed class DeliveryService(Database database, DeliverySignal signal, DeliveryChanges changes, TimeProvider time)
{
    /// <summary>A page of the target's deliveries, newest first; null when the account has no webhook or session with this id.</summary>
    public async Task<Page<DeliveryView>?> ListAsync(string accountId, string webhookId, DeliveryStatus? status, PageRequest page, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        if (!await WebhookStore.HasDeliveryTargetAsync(session, accountId, webhookId, cancellationToken))
        {
            return null;
        }
        var before = page.After is null ? null : DeliveryStore.ParseId(page.After);
        return await DeliveryStore.ListAsync(session, accountId, webhookId, status, page.Limit, before, cancellationToken);
    }

    public async Task<DeliveryView?> FindAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        if (DeliveryStore.ParseId(id) is not { } key)
        {
            return null;
        }
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await DeliveryStore.FindAsync(session, accountId, key, cancellationToken);
    }

    /// <summary>Queues the delivery for one more attempt now; a conflict while it is still pending, or once cancelled (final).</summary>
    public async Task<Outcome<DeliveryView>> RetryAsync(WriteScope scope, string accountId, string id, CancellationToken cancellationToken)
    {
        if (DeliveryStore.ParseId(id) is not { } key
            || await DeliveryStore.FindAsync(scope, accountId, key, cancellationToken) is not { } current)
        {
            return new() { Missing = true };
        }
        if (current.Status == DeliveryStore.Statuses[(int)DeliveryStatus.Cancelled])
        {
            return new() { Conflict = $"Delivery {id} was cancelled because the contact its event was about was erased; a cancelled delivery is final and is never sent." };
        }
        if (!await DeliveryStore.RetryAsync(scope, accountId, key, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken))
        {
            return new()
            {
                Conflict = $"Delivery {id} is already pending (attempt {current.AttemptCount.ToString(CultureInfo.InvariantCulture)} done); it will be attempted without a retry request.",
            };
        }
        await scope.WakeWorkersOnCommitAsync(signal.Notify, cancellationToken);
        scope.AfterCommit.Add(changes.Publish);
        return (await DeliveryStore.FindAsync(scope, accountId, key, cancellationToken))!;
    }
}
