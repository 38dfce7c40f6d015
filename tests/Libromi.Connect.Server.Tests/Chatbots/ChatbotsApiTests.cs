using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Chatbots;

public sealed class ChatbotsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Creating_a_chatbot_answers_201_and_it_can_be_read_back()
    {
        var client = await fixture.NewTenantAsync();

        var answer = await client.PostAsync("chatbots", """{"name":"Opening hours","keywords":["hours","open"],"match":"exact","reply":"We are open 9 to 5.","enabled":false}""");

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var chatbot = answer.Json;
        Assert.StartsWith("cbt_", chatbot.Str("id"), StringComparison.Ordinal);
        Assert.Equal("Opening hours", chatbot.Str("name"));
        Assert.Equal(["hours", "open"], chatbot.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("exact", chatbot.Str("match"));
        Assert.Equal("We are open 9 to 5.", chatbot.Str("reply"));
        Assert.False(chatbot.GetProperty("enabled").GetBoolean());
        Assert.Equal(chatbot.GetRawText(), (await client.GetOkAsync($"chatbots/{chatbot.Str("id")}")).GetRawText());
    }

    [Fact]
    public async Task Match_defaults_to_contains_and_enabled_to_true()
    {
        var client = await fixture.NewTenantAsync();

        var chatbot = await client.PostOkAsync("chatbots", new { name = "Hours", keywords = new[] { "hours" }, reply = "9 to 5" });

        Assert.Equal("contains", chatbot.Str("match"));
        Assert.True(chatbot.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Patching_changes_only_the_fields_sent()
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.ChatbotAsync(["hours"])).Str("id");

        var updated = (await client.PatchAsync($"chatbots/{id}", """{"enabled":false,"keywords":["when"]}""")).Json;

        Assert.False(updated.GetProperty("enabled").GetBoolean());
        Assert.Equal(["when"], updated.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("Opening hours", updated.Str("name"));
        Assert.Equal("contains", updated.Str("match"));
        Assert.Equal(updated.GetRawText(), (await client.GetOkAsync($"chatbots/{id}")).GetRawText());
    }

    [Fact]
    public async Task Deleting_answers_204_and_the_chatbot_is_gone()
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.ChatbotAsync(["hours"])).Str("id");

        var answer = await client.DeleteAnswerAsync($"chatbots/{id}");

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        (await client.GetAnswerAsync($"chatbots/{id}")).AssertProblem(HttpStatusCode.NotFound);
        (await client.DeleteAnswerAsync($"chatbots/{id}")).AssertProblem(HttpStatusCode.NotFound);
        Assert.Empty(await client.AllAsync("chatbots"));
    }

    [Fact]
    public async Task Listing_walks_every_chatbot_newest_first()
    {
        var client = await fixture.NewTenantAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await client.ChatbotAsync([$"word{i}"])).Str("id"));
        }

        var all = await client.AllAsync("chatbots", limit: 2);

        ids.Reverse();
        Assert.Equal(ids, all.Select(c => c.Str("id")));
        (await client.GetAnswerAsync("chatbots?limit=101")).AssertInvalidFields("limit");
    }

    [Fact]
    public async Task Chatbot_changes_emit_no_events()
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.ChatbotAsync(["hours"])).Str("id");
        await client.PatchAsync($"chatbots/{id}", """{"name":"Hours"}""");
        await client.DeleteAnswerAsync($"chatbots/{id}");

        Assert.Empty(await client.AllAsync("events"));
    }

    [Fact]
    public async Task Invalid_fields_are_each_named()
    {
        var client = await fixture.NewTenantAsync();

        (await client.PostAsync("chatbots", """{"name":"","keywords":[],"match":"regex"}""")).AssertInvalidFields("name", "keywords", "match", "reply");
        (await client.PostAsync("chatbots", """{"name":"x","keywords":["ok",""],"reply":"r"}""")).AssertInvalidFields("keywords[1]");
        (await client.PatchAsync("chatbots/cbt_missing", """{"name":"x"}""")).AssertProblem(HttpStatusCode.NotFound);

        Assert.Empty(await client.AllAsync("chatbots"));
    }
}
