using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Chatbots;

public sealed class ChatbotMatchingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("contains", "What are your HOURS?", true)]
    [InlineData("contains", "hours", true)]
    [InlineData("contains", "When do you close?", false)]
    [InlineData("exact", "Hours", true)]
    [InlineData("exact", "  HOURS  ", true)]
    [InlineData("exact", "What are your hours?", false)]
    public async Task A_chatbot_triggers_when_its_keyword_matches_ignoring_case(string match, string content, bool triggers)
    {
        var client = await fixture.NewTenantAsync();
        await client.ChatbotAsync(["hours"], match);

        await client.PostOkAsync("inbound/messages", new { from = Seed.Phone(), content });

        var types = await client.EventTypesAsync();
        Assert.Equal(triggers, types.Contains("chatbot.triggered"));
        Assert.Equal(triggers ? 1 : 0, types.Count(t => t == "message.sent"));
    }

    [Fact]
    public async Task A_disabled_chatbot_does_not_trigger()
    {
        var client = await fixture.NewTenantAsync();
        await client.ChatbotAsync(["hours"], enabled: false);

        await client.PostOkAsync("inbound/messages", new { from = Seed.Phone(), content = "hours?" });

        Assert.Equal(["contact.created", "message.received"], (await client.EventTypesAsync()).AsEnumerable().Reverse());
        Assert.Single(await client.AllAsync("messages"));
    }

    [Fact]
    public async Task A_chatbot_disabled_by_patch_stops_triggering_and_enabled_again_triggers()
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.ChatbotAsync(["hours"])).Str("id");
        var phone = Seed.Phone();

        await client.PatchAsync($"chatbots/{id}", """{"enabled":false}""");
        await client.PostOkAsync("inbound/messages", new { from = phone, content = "hours" });
        Assert.DoesNotContain("chatbot.triggered", await client.EventTypesAsync());

        await client.PatchAsync($"chatbots/{id}", """{"enabled":true}""");
        await client.PostOkAsync("inbound/messages", new { from = phone, content = "hours" });
        Assert.Single(await client.AllAsync("events?type=chatbot.triggered"));
    }

    [Fact]
    public async Task When_several_chatbots_match_only_the_oldest_replies()
    {
        var client = await fixture.NewTenantAsync();
        var oldest = await client.ChatbotAsync(["hours"], reply: "first");
        await client.ChatbotAsync(["hours"], reply: "second");

        await client.PostOkAsync("inbound/messages", new { from = Seed.Phone(), content = "hours" });

        var triggered = Assert.Single(await client.AllAsync("events?type=chatbot.triggered"));
        Assert.Equal(oldest.Str("id"), triggered.GetProperty("data").GetProperty("chatbot").Str("id"));
        var sent = Assert.Single(await client.AllAsync("events?type=message.sent"));
        Assert.Equal("first", sent.GetProperty("data").GetProperty("message").Str("content"));
    }

    [Fact]
    public async Task A_new_number_matching_a_chatbot_produces_four_events_in_order_with_their_payloads()
    {
        var client = await fixture.NewTenantAsync();
        var chatbot = await client.ChatbotAsync(["hours", "open"], reply: "We are open 9 to 5.");

        var inbound = await client.PostOkAsync("inbound/messages", new { from = "+44 1234 567890", name = "Ada", content = "Are you OPEN today?" });

        var events = await client.AllAsync("events");
        events.Reverse();
        Assert.Equal(["contact.created", "message.received", "chatbot.triggered", "message.sent"], events.Select(e => e.Str("type")));
        Assert.Equal(events.Select(e => e.Str("id")).Order(StringComparer.Ordinal), events.Select(e => e.Str("id")));
        Assert.Equal(events.Select(e => e.Str("created_at")).Order(StringComparer.Ordinal), events.Select(e => e.Str("created_at")));

        var contact = Assert.Single(await client.AllAsync("contacts"));
        var messages = await client.AllAsync("messages");
        var reply = messages.Single(m => m.Str("direction") == "outbound");

        Assert.Equal(contact.GetRawText(), events[0].GetProperty("data").GetProperty("contact").GetRawText());

        var received = events[1].GetProperty("data");
        Assert.Equal(contact.GetRawText(), received.GetProperty("contact").GetRawText());
        Assert.Equal(inbound.GetRawText(), received.GetProperty("message").GetRawText());
        Assert.Equal("Are you OPEN today?", received.GetProperty("message").Str("content"));

        var triggered = events[2].GetProperty("data");
        Assert.Equal(["chatbot", "contact", "message"], triggered.EnumerateObject().Select(p => p.Name));
        Assert.Equal(chatbot.GetRawText(), triggered.GetProperty("chatbot").GetRawText());
        Assert.Equal(contact.GetRawText(), triggered.GetProperty("contact").GetRawText());
        Assert.Equal(inbound.GetRawText(), triggered.GetProperty("message").GetRawText());

        var sent = events[3].GetProperty("data");
        Assert.Equal(contact.GetRawText(), sent.GetProperty("contact").GetRawText());
        Assert.Equal(reply.GetRawText(), sent.GetProperty("message").GetRawText());
        Assert.Equal("We are open 9 to 5.", reply.Str("content"));
        Assert.Equal("sent", reply.Str("status"));
        Assert.Equal(contact.Str("id"), reply.Str("contact_id"));
    }
}
