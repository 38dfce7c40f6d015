using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Chatbots;
using Libromi.Connect.Server.Contacts;
using Libromi.Connect.Server.Events;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Server.Messages;

/// <summary>
/// Sending and receiving messages. A received message from an unknown number creates its contact first; one that
/// matches an enabled chatbot triggers it and sends its reply — all in the caller's transaction, events in that order.
/// </summary>
public sealed class MessageService(Database database, ContactService contacts, EventWriter events, IdGenerator ids, TimeProvider time)
{
    /// <summary>Sends a validated request in the caller's write scope; null when the account has no such contact.</summary>
    public async Task<Message?> SendAsync(WriteScope scope, string accountId, SendMessageRequest request, CancellationToken cancellationToken) =>
        await ContactStore.FindAsync(scope, accountId, request.ContactId!, cancellationToken) is { } contact
            ? await SendAsync(scope, accountId, contact, request.Content!, cancellationToken)
            : null;

    public async Task<Page<Message>> ListAsync(string accountId, string? contactId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await MessageStore.ListAsync(session, accountId, contactId, page, cancellationToken);
    }

    public async Task<Message> SendAsync(WriteScope scope, string accountId, Contact contact, string content, CancellationToken cancellationToken)
    {
        var message = new Message(ids.New("msg"), contact.Id, "outbound", "text", content, "sent", time.GetUtcNow());
        await MessageStore.InsertAsync(scope, accountId, message, cancellationToken);
        await events.AppendAsync(scope, accountId, new MessageSent(contact, message), cancellationToken);
        return message;
    }

    public async Task<Message> ReceiveAsync(WriteScope scope, string accountId, string phone, string? name, string content, CancellationToken cancellationToken)
    {
        var contact = await contacts.FindOrCreateAsync(scope, accountId, name ?? phone, phone, cancellationToken);
        var message = new Message(ids.New("msg"), contact.Id, "inbound", "text", content, "received", time.GetUtcNow());
        await MessageStore.InsertAsync(scope, accountId, message, cancellationToken);
        await events.AppendAsync(scope, accountId, new MessageReceived(contact, message), cancellationToken);

        if (await ChatbotStore.FirstMatchAsync(scope, accountId, content, cancellationToken) is { } chatbot)
        {
            await events.AppendAsync(scope, accountId, new ChatbotTriggered(chatbot, contact, message), cancellationToken);
            await SendAsync(scope, accountId, contact, chatbot.Reply, cancellationToken);
        }
        return message;
    }
}
