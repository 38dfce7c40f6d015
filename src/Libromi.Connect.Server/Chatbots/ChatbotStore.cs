using System.Data.Common;
using System.Text.Json;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Chatbots;

/// <summary>SQL for chatbots, and matching an inbound message against them.</summary>
public static class ChatbotStore
{
    private const string Columns = "id, name, keywords, match, reply, enabled, created_at, updated_at";

    public static async Task SaveAsync(StoreSession session, string accountId, Chatbot chatbot, bool isNew, CancellationToken cancellationToken)
    {
        await using var command = session.Command(isNew
            ? $"INSERT INTO chatbots (account_id, {Columns}) VALUES (@a, @id, @name, @k, @m, @r, @e, @c, @u)"
            : "UPDATE chatbots SET name = @name, keywords = @k, match = @m, reply = @r, enabled = @e, updated_at = @u WHERE account_id = @a AND id = @id")
            .With("@a", accountId).With("@id", chatbot.Id).With("@name", chatbot.Name)
            .With("@k", JsonSerializer.Serialize(chatbot.Keywords)).With("@m", chatbot.Match).With("@r", chatbot.Reply)
            .With("@e", chatbot.Enabled ? 1 : 0).With("@c", chatbot.CreatedAt.ToUnixTimeMilliseconds())
            .With("@u", chatbot.UpdatedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<bool> DeleteAsync(StoreSession session, string accountId, string id, CancellationToken cancellationToken)
    {
        await using var command = session.Command("DELETE FROM chatbots WHERE account_id = @a AND id = @id").With("@a", accountId).With("@id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public static async Task<Chatbot?> FindAsync(StoreSession session, string accountId, string id, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"SELECT {Columns} FROM chatbots WHERE account_id = @a AND id = @id").With("@a", accountId).With("@id", id);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public static async Task<Page<Chatbot>> ListAsync(StoreSession session, string accountId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"""
            SELECT {Columns} FROM chatbots WHERE account_id = @a{(page.After is null ? "" : " AND id < @after")}
            ORDER BY id DESC LIMIT @limit
            """).With("@a", accountId).With("@after", page.After).With("@limit", page.Limit + 1);
        var rows = new List<Chatbot>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }
        return page.ToPage(rows, c => c.Id);
    }

    /// <summary>The oldest enabled chatbot whose keywords match the message, if any.</summary>
    public static async Task<Chatbot?> FirstMatchAsync(StoreSession session, string accountId, string content, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"SELECT {Columns} FROM chatbots WHERE account_id = @a AND enabled = 1 ORDER BY id").With("@a", accountId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var trimmed = content.Trim();
        while (await reader.ReadAsync(cancellationToken))
        {
            var chatbot = Read(reader);
            var matches = chatbot.Match == "exact"
                ? chatbot.Keywords.Any(k => string.Equals(k, trimmed, StringComparison.OrdinalIgnoreCase))
                : chatbot.Keywords.Any(k => content.Contains(k, StringComparison.OrdinalIgnoreCase));
            if (matches)
            {
                return chatbot;
            }
        }
        return null;
    }

    private static Chatbot Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        JsonSerializer.Deserialize<string[]>(reader.GetString(2))!,
        reader.GetString(3),
        reader.GetString(4),
        reader.GetInt64(5) == 1,
        reader.GetTime(6),
        reader.GetTime(7));
}
