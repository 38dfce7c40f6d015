using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Accounts.Settings;

/// <summary>
/// The calling account's settings. A change reaches requests on this node at once (its keys are forgotten from the
/// cache) and on the others within <see cref="ApiKeyCache.Lifetime"/>, since the default region travels with the key.
/// </summary>
public sealed class AccountSettings(Database database, ApiKeyCache cache)
{
    public async Task<AccountView?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await AccountSettingsStore.FindAsync(session, accountId, cancellationToken);
    }

    public async Task<AccountView?> SetDefaultRegionAsync(string accountId, string? region, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        await AccountSettingsStore.SetDefaultRegionAsync(scope, accountId, region, cancellationToken);
        var account = await AccountSettingsStore.FindAsync(scope, accountId, cancellationToken);
        scope.AfterCommit.Add(() => cache.Forget(a => a.AccountId == accountId));
        await scope.CommitAsync(cancellationToken);
        return account;
    }
}
