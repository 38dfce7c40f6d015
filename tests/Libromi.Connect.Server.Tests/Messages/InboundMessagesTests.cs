using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Messages;

public sealed class InboundMessagesTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_message_from_an_unknown_number_creates_its_contact_then_records_the_message()
    {
        var client = await fixture.NewTenantAsync();

        var answer = await client.PostAsync("inbound/messages", """{"from":"+1 (415) 555-0132","name":"Ada","content":"Hi there"}""");

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var message = answer.Json;
        Assert.Equal("inbound", message.Str("direction"));
        Assert.Equal("received", message.Str("status"));
        Assert.Equal("Hi there", message.Str("content"));
        var contact = Assert.Single(await client.AllAsync("contacts"));
        Assert.Equal(contact.Str("id"), message.Str("contact_id"));
        Assert.Equal("+14155550132", contact.Str("phone"));
        Assert.Equal("Ada", contact.Str("name"));
        Assert.Equal(["contact.created", "message.received"], (await client.EventTypesAsync()).AsEnumerable().Reverse());
    }

    [Fact]
    public async Task A_contact_created_without_a_name_is_named_after_its_number()
    {
        var client = await fixture.NewTenantAsync();

        await client.PostOkAsync("inbound/messages", new { from = "+1.415.555.0132", content = "Hi" });

        Assert.Equal("+14155550132", Assert.Single(await client.AllAsync("contacts")).Str("name"));
    }

    [Fact]
    public async Task A_message_from_a_known_number_written_differently_reuses_the_contact()
    {
        var client = await fixture.NewTenantAsync();
        var contact = await client.PostOkAsync("contacts", new { name = "Ada", phone = "+1 (415) 555-0132" });

        var message = await client.PostOkAsync("inbound/messages", new { from = "+1.415.555.0132", name = "Someone else", content = "Hi" });

        Assert.Equal(contact.Str("id"), message.Str("contact_id"));
        Assert.Equal("Ada", Assert.Single(await client.AllAsync("contacts")).Str("name"));
        var received = Assert.Single(await client.AllAsync("events?type=message.received"));
        Assert.Equal(contact.GetRawText(), received.GetProperty("data").GetProperty("contact").GetRawText());
        Assert.Equal(message.GetRawText(), received.GetProperty("data").GetProperty("message").GetRawText());
        Assert.Equal(["contact.created", "message.received"], (await client.EventTypesAsync()).AsEnumerable().Reverse());
    }

    [Fact]
    public async Task Inbound_messages_are_listed_with_the_contacts_outbound_ones()
    {
        var client = await fixture.NewTenantAsync();
        var inbound = await client.PostOkAsync("inbound/messages", new { from = Seed.Phone(), content = "Hi" });
        var outbound = await client.PostOkAsync("messages", new { contact_id = inbound.Str("contact_id"), content = "Hello!" });

        var listed = await client.AllAsync($"messages?contact_id={inbound.Str("contact_id")}");

        Assert.Equal([outbound.Str("id"), inbound.Str("id")], listed.Select(m => m.Str("id")));
    }

    [Fact]
    public async Task A_bad_from_number_and_missing_content_are_named_and_nothing_is_created()
    {
        var client = await fixture.NewTenantAsync();

        (await client.PostAsync("inbound/messages", """{"from":"abc"}""")).AssertInvalidFields("from", "content");

        Assert.Equal("contacts=0 messages=0 chatbots=0 webhooks=0 events=0", await client.CountsAsync());
    }
}
