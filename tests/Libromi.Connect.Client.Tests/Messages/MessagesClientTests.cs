using Libromi.Connect.Client.Tests.Support;

namespace Libromi.Connect.Client.Tests.Messages;

public sealed class MessagesClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_sent_message_is_listed_for_its_contact_only()
    {
        var client = await fixture.NewClientAsync();
        var ada = await client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "+441234567890" });
        var alan = await client.Contacts.CreateAsync(new() { Name = "Alan", Phone = "+441234567891" });

        var sent = await client.Messages.SendAsync(new() { ContactId = ada.Id, Content = "Your order has shipped." });
        await client.Messages.SendAsync(new() { ContactId = alan.Id, Content = "Hello Alan." });

        Assert.Equal(("outbound", "sent", "text"), (sent.Direction, sent.Status, sent.Type));
        var listed = Assert.Single(await client.Messages.ListAsync(contactId: ada.Id).ToListAsync());
        AssertJson.Same(sent, listed);
        Assert.Equal(2, await client.Messages.ListAsync().CountAsync());
    }

    [Fact]
    public async Task A_message_from_an_unknown_number_creates_its_contact_and_a_matching_chatbot_replies()
    {
        var client = await fixture.NewClientAsync();
        await client.Chatbots.CreateAsync(new() { Name = "Hours", Keywords = ["hours"], Reply = "We are open 9 to 5." });

        var received = await client.Messages.ReceiveAsync(new() { From = "+44 7700 900123", Name = "Mary", Content = "What are your hours?" });

        var contact = await client.Contacts.GetAsync(received.ContactId);
        Assert.Equal(("Mary", "+447700900123"), (contact.Name, contact.Phone));
        Assert.Equal(("inbound", "received"), (received.Direction, received.Status));
        var conversation = await client.Messages.ListAsync(contactId: contact.Id).ToListAsync();
        Assert.Equal(["We are open 9 to 5.", "What are your hours?"], conversation.Select(m => m.Content));
    }

    [Fact]
    public async Task Sending_to_an_unknown_contact_is_a_404()
    {
        var client = await fixture.NewClientAsync();

        var error = await Assert.ThrowsAsync<LibromiApiException>(() => client.Messages.SendAsync(new() { ContactId = "con_missing", Content = "Hi" }));

        Assert.Equal(404, error.Status);
        Assert.Contains("con_missing", error.Detail, StringComparison.Ordinal);
    }
}
