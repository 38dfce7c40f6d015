using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Contacts.PhoneCheck;

/// <summary>SQL of the phone check: every contact by id, who holds a number, and rewriting one.</summary>
public static class PhoneCheckStore
{
    public static async Task<List<(string Id, string AccountId, string Phone)>> PageAsync(StoreSession session, string? after, int limit, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"""
            SELECT id, account_id, phone FROM contacts{(after is null ? "" : " WHERE id > @after")} ORDER BY id LIMIT @limit
            """).With("@after", after).With("@limit", limit);
        var rows = new List<(string, string, string)>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        return rows;
    }

    public static async Task<string?> OwnerAsync(StoreSession session, string accountId, string phone, CancellationToken cancellationToken)
    {
        await using var select = session.Command("SELECT id FROM contacts WHERE account_id = @a AND phone = @p").With("@a", accountId).With("@p", phone);
        return await select.ExecuteScalarAsync(cancellationToken) as string;
    }

    public static async Task SetPhoneAsync(StoreSession session, string id, string phone, long now, CancellationToken cancellationToken)
    {
        await using var update = session.Command("UPDATE contacts SET phone = @p, updated_at = @now WHERE id = @id")
            .With("@id", id).With("@p", phone).With("@now", now);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }
}
