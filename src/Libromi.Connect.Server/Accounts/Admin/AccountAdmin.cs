using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Accounts.Admin;

/// <summary>
/// What the operator does to accounts. Disabling one refuses its keys (at once on this node, within
/// <see cref="ApiKeyCache.Lifetime"/> on the others) and pauses its deliveries: they stay pending, are not leased, and
/// are sent once it is enabled again.
/// </summary>
public sealed class AccountAdmin(Database database, ApiKeys keys, ApiKeyCache cache, DeliverySignal signal, TimeProvider time)
{
    public async Task<CreatedAccount> CreateAsync(string name, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        var (account, key) = await keys.CreateAccountAsync(scope, ApiKeys.NewKey(), name, cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return new CreatedAccount(account, key);
    }

    public async Task<Page<Account>> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await AccountStore.ListAsync(session, page, cancellationToken);
    }

    /// <summary>The account as it is now (disabled or enabled), or null when there is none with this id.</summary>
    public async Task<Account?> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        if (await AccountStore.FindAsync(scope, id, cancellationToken) is null)
        {
            return null;
        }
        if (await AccountStore.SetDisabledAsync(scope, id, disabled ? time.GetUtcNow().ToUnixTimeMilliseconds() : null, cancellationToken))
        {
            scope.AfterCommit.Add(() => cache.Forget(a => a.AccountId == id));
            if (!disabled)
            {
                // The paused deliveries are due already: every node's workers look again now rather than at their next idle check.
                await scope.WakeWorkersOnCommitAsync(signal.Notify, cancellationToken);
            }
        }
        var account = await AccountStore.FindAsync(scope, id, cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return account;
    }
}
