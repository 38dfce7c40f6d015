using System.Data.Common;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Accounts;

/// <summary>SQL for accounts. Disabling one also marks its webhooks, which is what pauses their deliveries.</summary>
public static class AccountStore
{
    private const string Columns = "id, name, created_at, disabled_at";

    public static async Task InsertAsync(StoreSession session, Account account, CancellationToken cancellationToken)
    {
        await using var insert = session.Command("INSERT INTO accounts (id, name, created_at) VALUES (@id, @name, @now)")
            .With("@id", account.Id).With("@name", account.Name).With("@now", account.CreatedAt.ToUnixTimeMilliseconds());
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<long> CountAsync(StoreSession session, CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT COUNT(*) FROM accounts");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<Account?> FindAsync(StoreSession session, string id, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"SELECT {Columns} FROM accounts WHERE id = @id").With("@id", id);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Every account, newest first.</summary>
    public static async Task<Page<Account>> ListAsync(StoreSession session, PageRequest page, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"""
            SELECT {Columns} FROM accounts{(page.After is null ? "" : " WHERE id < @after")}
            ORDER BY id DESC LIMIT @limit
            """).With("@after", page.After).With("@limit", page.Limit + 1);
        var rows = new List<Account>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }
        return page.ToPage(rows, a => a.Id);
    }

    /// <summary>
    /// Disables (<paramref name="disabledAt"/> set) or enables (null) the account and marks its webhooks to match; false
    /// when it was in that state already (nothing changes, its disabled time stays the first one).
    /// </summary>
    public static async Task<bool> SetDisabledAsync(StoreSession session, string id, long? disabledAt, CancellationToken cancellationToken)
    {
        await using (var account = session.Command(disabledAt is null
            ? "UPDATE accounts SET disabled_at = NULL WHERE id = @id AND disabled_at IS NOT NULL"
            : "UPDATE accounts SET disabled_at = @t WHERE id = @id AND disabled_at IS NULL").With("@id", id).With("@t", disabledAt))
        {
            if (await account.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }
        await using var webhooks = session.Command("UPDATE webhooks SET account_disabled = @d WHERE account_id = @id")
            .With("@d", disabledAt is null ? 0 : 1).With("@id", id);
        await webhooks.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    private static Account Read(DbDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.GetTime(2), reader.GetNullableTime(3));
}
