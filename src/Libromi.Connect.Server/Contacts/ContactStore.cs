using System.Data.Common;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Webhooks.Json;

namespace Libromi.Connect.Server.Contacts;

/// <summary>SQL for contacts.</summary>
public static class ContactStore
{
    private const string Columns = "id, name, phone, email, attributes, created_at, updated_at";

    public static string ToText(JsonObject attributes) => Encoding.UTF8.GetString(JavaScriptJson.SerializeToUtf8Bytes(attributes));

    public static async Task InsertAsync(StoreSession session, string accountId, Contact contact, CancellationToken cancellationToken)
    {
        await using var insert = session.Command($"INSERT INTO contacts (account_id, {Columns}) VALUES (@a, @id, @name, @phone, @email, @attrs, @c, @u)");
        Bind(insert, accountId, contact);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Inserts the contact unless the account has one with its phone; false when it has. On PostgreSQL an insert racing
    /// another transaction's waits for that one to end, so after a false a new statement sees the other's contact.
    /// </summary>
    public static async Task<bool> InsertIfAbsentAsync(StoreSession session, string accountId, Contact contact, CancellationToken cancellationToken)
    {
        await using var insert = session.Command($"""
            INSERT INTO contacts (account_id, {Columns}) VALUES (@a, @id, @name, @phone, @email, @attrs, @c, @u)
            ON CONFLICT (account_id, phone) DO NOTHING
            """);
        Bind(insert, accountId, contact);
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public static async Task UpdateAsync(StoreSession session, string accountId, Contact contact, CancellationToken cancellationToken)
    {
        await using var update = session.Command("""
            UPDATE contacts SET name = @name, phone = @phone, email = @email, attributes = @attrs, updated_at = @u
            WHERE account_id = @a AND id = @id
            """);
        Bind(update, accountId, contact);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<Contact?> FindAsync(StoreSession session, string accountId, string id, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"SELECT {Columns} FROM contacts WHERE account_id = @a AND id = @id").With("@a", accountId).With("@id", id);
        return await ReadOneAsync(select, cancellationToken);
    }

    public static async Task<Contact?> FindByPhoneAsync(StoreSession session, string accountId, string phone, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"SELECT {Columns} FROM contacts WHERE account_id = @a AND phone = @p").With("@a", accountId).With("@p", phone);
        return await ReadOneAsync(select, cancellationToken);
    }

    public static async Task<Page<Contact>> ListAsync(StoreSession session, string accountId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"""
            SELECT {Columns} FROM contacts WHERE account_id = @a{(page.After is null ? "" : " AND id < @after")}
            ORDER BY id DESC LIMIT @limit
            """).With("@a", accountId).With("@after", page.After).With("@limit", page.Limit + 1);
        var rows = new List<Contact>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }
        return page.ToPage(rows, c => c.Id);
    }

    private static void Bind(DbCommand command, string accountId, Contact contact) => command
        .With("@a", accountId).With("@id", contact.Id).With("@name", contact.Name).With("@phone", contact.Phone)
        .With("@email", contact.Email).With("@attrs", contact.Attributes.GetRawText())
        .With("@c", contact.CreatedAt.ToUnixTimeMilliseconds()).With("@u", contact.UpdatedAt.ToUnixTimeMilliseconds());

    private static async Task<Contact?> ReadOneAsync(DbCommand select, CancellationToken cancellationToken)
    {
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static Contact Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetNullableString(3),
        JsonElement.Parse(reader.GetString(4)),
        reader.GetTime(5),
        reader.GetTime(6))
    {
        PhoneFormatted = PhoneNumber.Formatted(reader.GetString(2)),
    };
}
