using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Chatbots;

/// <summary>Chatbots of an account; requests arrive validated by <see cref="ChatbotValidation"/>.</summary>
public sealed class ChatbotService(Database database, IdGenerator ids, TimeProvider time)
{
    public async Task<Chatbot> CreateAsync(WriteScope scope, string accountId, CreateChatbotRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var chatbot = new Chatbot(ids.New("cbt"), request.Name!, request.Keywords!, request.Match!, request.Reply!, request.Enabled ?? true, now, now);
        await ChatbotStore.SaveAsync(scope, accountId, chatbot, isNew: true, cancellationToken);
        return chatbot;
    }

    public async Task<Chatbot?> FindAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await ChatbotStore.FindAsync(session, accountId, id, cancellationToken);
    }

    public async Task<Page<Chatbot>> ListAsync(string accountId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await ChatbotStore.ListAsync(session, accountId, page, cancellationToken);
    }

    /// <summary>The updated chatbot, or null when the account has none with this id.</summary>
    public async Task<Chatbot?> UpdateAsync(string accountId, string id, UpdateChatbotRequest request, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        if (await ChatbotStore.FindAsync(scope, accountId, id, cancellationToken) is not { } current)
        {
            return null;
        }
        var updated = current with
        {
            Name = request.Name ?? current.Name,
            Keywords = request.Keywords ?? current.Keywords,
            Match = request.Match ?? current.Match,
            Reply = request.Reply ?? current.Reply,
            Enabled = request.Enabled ?? current.Enabled,
            UpdatedAt = time.GetUtcNow(),
        };
        await ChatbotStore.SaveAsync(scope, accountId, updated, isNew: false, cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return updated;
    }

    /// <summary>False when the account has no chatbot with this id.</summary>
    public async Task<bool> DeleteAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        if (!await ChatbotStore.DeleteAsync(scope, accountId, id, cancellationToken))
        {
            return false;
        }
        await scope.CommitAsync(cancellationToken);
        return true;
    }
}
