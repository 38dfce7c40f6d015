using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Messages;

/// <summary>SQL for messages.</summary>
public static class MessageStore
{
    public static async Task InsertAsync(StoreSession session, string accountId, Message message, CancellationToken cancellationToken)
    {
        await using var insert = session.Command("""
            INSERT INTO messages (id, account_id, contact_id, direction, type, content, status, created_at)
            VALUES (@id, @a, @c, @d, @type, @content, @s, @t)
            """).With("@id", message.Id).With("@a", accountId).With("@c", message.ContactId).With("@d", message.Direction)
            .With("@type", message.Type).With("@content", message.Content).With("@s", message.Status)
            .With("@t", message.CreatedAt.ToUnixTimeMilliseconds());
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<Page<Message>> ListAsync(StoreSession session, string accountId, string? contactId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"""
            SELECT id, contact_id, direction, type, content, status, created_at FROM messages
            WHERE account_id = @a{(contactId is null ? "" : " AND contact_id = @c")}{(page.After is null ? "" : " AND id < @after")}
            ORDER BY id DESC LIMIT @limit
            """).With("@a", accountId).With("@c", contactId).With("@after", page.After).With("@limit", page.Limit + 1);
        var rows = new List<Message>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Message(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetTime(6)));
        }
        return page.ToPage(rows, m => m.Id);
    }
}
