using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Messages;

public sealed class MessagesApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Sending_a_message_records_it_as_sent_outbound_text()
    {
        var client = await fixture.NewTenantAsync();
        var contact = await client.ContactAsync();

        var answer = await client.PostAsync("messages", $$"""{"contact_id":"{{contact.Str("id")}}","content":"Hello Ada","type":"text"}""");

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var message = answer.Json;
        Assert.StartsWith("msg_", message.Str("id"), StringComparison.Ordinal);
        Assert.Equal(contact.Str("id"), message.Str("contact_id"));
        Assert.Equal("outbound", message.Str("direction"));
        Assert.Equal("text", message.Str("type"));
        Assert.Equal("Hello Ada", message.Str("content"));
        Assert.Equal("sent", message.Str("status"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", message.Str("created_at"));
    }

    [Fact]
    public async Task Sending_emits_one_message_sent_with_the_contact_and_the_message()
    {
        var client = await fixture.NewTenantAsync();
        var contact = await client.ContactAsync();

        var message = await client.PostOkAsync("messages", new { contact_id = contact.Str("id"), content = "Hello Ada" });

        var evt = Assert.Single(await client.AllAsync("events?type=message.sent"));
        var data = evt.GetProperty("data");
        Assert.Equal(contact.GetRawText(), data.GetProperty("contact").GetRawText());
        Assert.Equal(message.GetRawText(), data.GetProperty("message").GetRawText());
        Assert.Equal(["contact.created", "message.sent"], (await client.EventTypesAsync()).AsEnumerable().Reverse());
    }

    [Fact]
    public async Task Listing_by_contact_id_shows_only_that_contacts_messages_newest_first()
    {
        var client = await fixture.NewTenantAsync();
        var ada = (await client.ContactAsync("Ada")).Str("id");
        var grace = (await client.ContactAsync("Grace")).Str("id");
        var sent = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add((await client.PostOkAsync("messages", new { contact_id = ada, content = $"Hello {i}" })).Str("id"));
            await client.PostOkAsync("messages", new { contact_id = grace, content = $"Hi {i}" });
        }

        var adas = await client.AllAsync($"messages?contact_id={ada}", limit: 2);

        sent.Reverse();
        Assert.Equal(sent, adas.Select(m => m.Str("id")));
        Assert.Equal(10, (await client.AllAsync("messages")).Count);
    }

    [Fact]
    public async Task Sending_to_an_unknown_contact_answers_404_and_stores_nothing()
    {
        var client = await fixture.NewTenantAsync();

        (await client.PostAsync("messages", """{"contact_id":"con_missing","content":"Hello"}""")).AssertProblem(HttpStatusCode.NotFound);

        Assert.Equal("contacts=0 messages=0 chatbots=0 webhooks=0 events=0", await client.CountsAsync());
    }

    [Fact]
    public async Task Missing_content_blank_content_and_an_unknown_type_are_each_named()
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.ContactAsync()).Str("id");

        (await client.PostAsync("messages", """{"content":"Hello"}""")).AssertInvalidFields("contact_id");
        (await client.PostAsync("messages", $$"""{"contact_id":"{{id}}","content":"   ","type":"image"}""")).AssertInvalidFields("content", "type");
        (await client.PostAsync("messages", $$"""{"contact_id":"{{id}}","content":"{{new string('x', 4097)}}"}""")).AssertInvalidFields("content");

        Assert.Empty(await client.AllAsync("messages"));
    }
}
