using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Events;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Webhooks;
using Libromi.Connect.Webhooks.Signing;

namespace Libromi.Connect.Server.Listen;

/// <summary>
/// Listen sessions: temporary webhooks of the account whose deliveries <see cref="ListenRelay"/> streams to the CLI.
/// A false or null answer means the account has no such session.
/// </summary>
public sealed class ListenService(Database database, ListenRelay relay, DeliverySignal signal, DeliveryChanges changes, IdGenerator ids, TimeProvider time)
{
    /// <summary>A session lives this long after its listener was last connected.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(24);

    public async Task<ListenSession> StartAsync(WriteScope scope, string accountId, string[] events, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expires = now + SessionLifetime;
        var secret = WebhookSecret.Generate();
        var webhook = new Webhook(ids.New("whk"), WebhookStore.ListenSessionUrl, events, "libromi listen session", true, null, WebhookOrdering.None, null, null, null, null,
            WebhookSigning.Hmac, null, null, secret, null, now, now);
        await WebhookStore.InsertAsync(scope, accountId, webhook, EventCatalog.MaskOf(events), expires.ToUnixTimeMilliseconds(), WebhookEndpoint.None, cancellationToken);
        return new ListenSession(webhook.Id, secret, webhook.Events, expires);
    }

    /// <summary>Before a listener connects: extends the session and queues again what it missed while nobody listened.</summary>
    public async Task<bool> ResumeAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        if (!await WebhookStore.SessionExistsAsync(scope, accountId, id, cancellationToken))
        {
            return false;
        }
        var now = time.GetUtcNow();
        await WebhookStore.ExtendSessionAsync(scope, id, (now + SessionLifetime).ToUnixTimeMilliseconds(), cancellationToken);
        if (await DeliveryStore.RequeueMissedAsync(scope, id, now.ToUnixTimeMilliseconds(), cancellationToken) > 0)
        {
            scope.AfterCommit.Add(changes.Publish);
        }
        await scope.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Attaches a listener, and wakes the dispatcher to relay what is due for the session now that someone listens.</summary>
    public ListenConnection Connect(string accountId, string id)
    {
        var connection = relay.Connect(accountId, id);
        signal.Notify();
        return connection;
    }

    public void Disconnect(string id, ListenConnection connection) => relay.Disconnect(id, connection);

    /// <summary>Hands what the local endpoint answered to the delivery waiting for it; false when none waits for this ticket.</summary>
    public bool Report(string accountId, string id, string ticket, ReportedAnswer answer) => relay.Complete(accountId, id, ticket, answer);

    public async Task<bool> EndAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        if (!await WebhookStore.SessionExistsAsync(scope, accountId, id, cancellationToken))
        {
            return false;
        }
        await WebhookStore.DeleteAsync(scope, accountId, id, cancellationToken);
        scope.AfterCommit.Add(changes.Publish);
        await scope.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The account's live sessions, newest first (at most 100).</summary>
    public async Task<IReadOnlyList<ListenSessionView>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await WebhookStore.ListSessionsAsync(session, accountId, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
    }
}
