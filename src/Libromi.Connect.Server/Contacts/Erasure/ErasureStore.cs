using System.Data.Common;
using System.Text;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Contacts.Erasure;

/// <summary>
/// SQL of a contact erasure, run in the caller's one write scope so that it is all or nothing, and of its audit records.
/// The events about the contact are found by <c>events.contact_id</c> (index <c>events_contact</c>).
/// </summary>
public static class ErasureStore
{
    public const string Prefix = "era";

    /// <summary>Why a cancelled delivery was not sent; it names no personal data.</summary>
    public const string CancelledReason = "Cancelled: the contact this event was about was erased; it will never be sent.";

    private const string Columns = "id, contact_id, erased_at, messages, events, deliveries, attempts, cancelled";
    private const string EventsOfContact = "SELECT e.id FROM events e WHERE e.account_id = @a AND e.contact_id = @c";

    /// <summary>
    /// Removes the contact's messages, the attempt logs of every delivery of its events, the ended deliveries and the
    /// events; pending deliveries (leased or not) become <see cref="DeliveryStatus.Cancelled"/>. The lease takes only
    /// pending deliveries and the outcome recorder's fenced update requires one, so a cancelled delivery is never sent
    /// and an attempt in flight now cannot bring it back.
    /// </summary>
    public static async Task<ContactErasure> EraseAsync(WriteScope scope, string accountId, string contactId, string erasureId, long nowMs, CancellationToken cancellationToken)
    {
        var messages = await RunAsync(scope.Command("DELETE FROM messages WHERE account_id = @a AND contact_id = @c"));
        var attempts = await RunAsync(scope.Command($"""
            DELETE FROM delivery_attempts WHERE delivery_id IN (SELECT d.id FROM deliveries d WHERE d.event_id IN ({EventsOfContact}))
            """));
        var cancelled = await RunAsync(scope.Command($"""
            UPDATE deliveries SET status = @cancelled, updated_at = @now, last_error = @reason
            WHERE status = @pending AND event_id IN ({EventsOfContact})
            """).With("@cancelled", (int)DeliveryStatus.Cancelled).With("@pending", (int)DeliveryStatus.Pending)
            .With("@now", nowMs).With("@reason", CancelledReason));
        var removed = await RunAsync(scope.Command($"DELETE FROM deliveries WHERE status <> @cancelled AND event_id IN ({EventsOfContact})")
            .With("@cancelled", (int)DeliveryStatus.Cancelled));
        var events = await RunAsync(scope.Command("DELETE FROM events WHERE account_id = @a AND contact_id = @c"));
        await RunAsync(scope.Command("DELETE FROM contacts WHERE account_id = @a AND id = @c"));
        await ForgetResponsesAsync(scope, accountId, contactId, cancellationToken);

        var erasure = new ContactErasure(erasureId, contactId, DateTimeOffset.FromUnixTimeMilliseconds(nowMs), messages, events, removed, attempts, cancelled);
        await using var insert = scope.Command($"INSERT INTO erasures (account_id, {Columns}) VALUES (@a, @id, @c, @t, @m, @e, @d, @at, @x)")
            .With("@a", accountId).With("@id", erasure.Id).With("@c", contactId).With("@t", nowMs).With("@m", messages).With("@e", events)
            .With("@d", removed).With("@at", attempts).With("@x", cancelled);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return erasure;

        async Task<int> RunAsync(DbCommand command)
        {
            await using (command)
            {
                command.With("@a", accountId).With("@c", contactId);
                return await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// Deletes the account's remembered <c>Idempotency-Key</c> responses that name the contact's id (a created contact,
    /// a sent message: they hold its name and phone). Matched here rather than in SQL, where reading a blob as text
    /// differs by provider; an account holds keys for a day at most, and erasure is rare.
    /// </summary>
    private static async Task ForgetResponsesAsync(WriteScope scope, string accountId, string contactId, CancellationToken cancellationToken)
    {
        var needle = Encoding.UTF8.GetBytes("\"" + contactId + "\"");
        var keys = new List<string>();
        await using (var select = scope.Command("SELECT key, response FROM idempotency_keys WHERE account_id = @a").With("@a", accountId))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (((byte[])reader.GetValue(1)).AsSpan().IndexOf(needle) >= 0)
                {
                    keys.Add(reader.GetString(0));
                }
            }
        }
        foreach (var key in keys)
        {
            await using var delete = scope.Command("DELETE FROM idempotency_keys WHERE account_id = @a AND key = @k").With("@a", accountId).With("@k", key);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static async Task<ContactErasure?> FindAsync(StoreSession session, string accountId, string id, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"SELECT {Columns} FROM erasures WHERE account_id = @a AND id = @id").With("@a", accountId).With("@id", id);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public static async Task<Page<ContactErasure>> ListAsync(StoreSession session, string accountId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"""
            SELECT {Columns} FROM erasures WHERE account_id = @a{(page.After is null ? "" : " AND id < @after")}
            ORDER BY id DESC LIMIT @limit
            """).With("@a", accountId).With("@after", page.After).With("@limit", page.Limit + 1);
        var rows = new List<ContactErasure>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }
        return page.ToPage(rows, e => e.Id);
    }

    private static ContactErasure Read(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetTime(2),
        reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7));
}
