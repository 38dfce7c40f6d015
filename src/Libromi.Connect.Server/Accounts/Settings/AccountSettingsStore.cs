using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Accounts.Settings;

/// <summary>SQL for an account's own settings.</summary>
public static class AccountSettingsStore
{
    public static async Task<AccountView?> FindAsync(StoreSession session, string accountId, CancellationToken cancellationToken)
    {
        await using var select = session.Command("SELECT id, name, default_region, created_at FROM accounts WHERE id = @id").With("@id", accountId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new AccountView(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetTime(3))
            : null;
    }

    public static async Task SetDefaultRegionAsync(StoreSession session, string accountId, string? region, CancellationToken cancellationToken)
    {
        await using var update = session.Command("UPDATE accounts SET default_region = @r WHERE id = @id").With("@id", accountId).With("@r", region);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }
}
