using Libromi.Connect.Client;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Cli.Trigger;

/// <summary>For each event type <c>libromi trigger</c> knows, the realistic action that emits it.</summary>
internal static class TriggerActions
{
    public const string ChatbotName = "libromi trigger";
    public const string ChatbotKeyword = "libromi-trigger";

    public static IReadOnlyDictionary<string, Func<LibromiClient, CancellationToken, Task<TriggerResult>>> All { get; } =
        new Dictionary<string, Func<LibromiClient, CancellationToken, Task<TriggerResult>>>(StringComparer.Ordinal)
        {
            ["message.received"] = MessageReceivedAsync,
            ["message.sent"] = MessageSentAsync,
            ["contact.created"] = ContactCreatedAsync,
            ["contact.updated"] = ContactUpdatedAsync,
            ["chatbot.triggered"] = ChatbotTriggeredAsync,
        };

    private static async Task<TriggerResult> MessageReceivedAsync(LibromiClient client, CancellationToken cancellationToken)
    {
        var message = await client.Messages.ReceiveAsync(new()
        {
            From = TestContact.Phone,
            Name = TestContact.Name,
            Content = "Hello! This message was sent by libromi trigger.",
        }, cancellationToken);
        return new("message.received", $"Received message {message.Id} from contact {message.ContactId} ({TestContact.Phone}).",
            Ids(("message_id", message.Id), ("contact_id", message.ContactId)));
    }

    private static async Task<TriggerResult> MessageSentAsync(LibromiClient client, CancellationToken cancellationToken)
    {
        var contact = await TestContact.EnsureAsync(client, cancellationToken);
        var message = await client.Messages.SendAsync(new() { ContactId = contact.Id, Content = "Hello from libromi trigger." }, cancellationToken);
        return new("message.sent", $"Sent message {message.Id} to contact {contact.Id} ({contact.Phone}).",
            Ids(("message_id", message.Id), ("contact_id", contact.Id)));
    }

    private static async Task<TriggerResult> ContactCreatedAsync(LibromiClient client, CancellationToken cancellationToken)
    {
        var contact = await client.Contacts.CreateAsync(new() { Name = "Libromi trigger contact", Phone = TestContact.UniquePhone() }, cancellationToken);
        return new("contact.created", $"Created contact {contact.Id} ({contact.Phone}).", Ids(("contact_id", contact.Id)));
    }

    private static async Task<TriggerResult> ContactUpdatedAsync(LibromiClient client, CancellationToken cancellationToken)
    {
        var contact = await client.Contacts.CreateAsync(new() { Name = "Libromi trigger contact", Phone = TestContact.UniquePhone() }, cancellationToken);
        await client.Contacts.UpdateAsync(contact.Id, new() { Name = "Libromi trigger contact (updated)" }, cancellationToken);
        return new("contact.updated", $"Created contact {contact.Id} ({contact.Phone}), then renamed it.", Ids(("contact_id", contact.Id)));
    }

    private static async Task<TriggerResult> ChatbotTriggeredAsync(LibromiClient client, CancellationToken cancellationToken)
    {
        var chatbot = await EnsureChatbotAsync(client, cancellationToken);
        var message = await client.Messages.ReceiveAsync(new() { From = TestContact.Phone, Name = TestContact.Name, Content = ChatbotKeyword }, cancellationToken);
        return new("chatbot.triggered", $"Received message {message.Id} from contact {message.ContactId}, matching chatbot {chatbot.Id}.",
            Ids(("chatbot_id", chatbot.Id), ("message_id", message.Id), ("contact_id", message.ContactId)));
    }

    private static async Task<Chatbot> EnsureChatbotAsync(LibromiClient client, CancellationToken cancellationToken)
    {
        await foreach (var chatbot in client.Chatbots.ListAsync(100, cancellationToken))
        {
            if (chatbot.Name == ChatbotName)
            {
                return chatbot.Enabled ? chatbot : await client.Chatbots.UpdateAsync(chatbot.Id, new() { Enabled = true }, cancellationToken);
            }
        }
        return await client.Chatbots.CreateAsync(new()
        {
            Name = ChatbotName,
            Keywords = [ChatbotKeyword],
            Match = "exact",
            Reply = "This reply comes from the chatbot that libromi trigger set up.",
        }, cancellationToken);
    }

    private static Dictionary<string, string> Ids(params (string Name, string Id)[] ids) => ids.ToDictionary(i => i.Name, i => i.Id, StringComparer.Ordinal);
}
