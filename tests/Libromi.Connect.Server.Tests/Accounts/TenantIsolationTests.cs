using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Accounts;

public sealed class TenantIsolationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Another_accounts_ids_answer_404_for_every_resource_kind_and_change_nothing()
    {
        var owner = await fixture.NewTenantAsync();
        var stranger = await fixture.NewTenantAsync();
        var contact = await owner.ContactAsync();
        var chatbot = await owner.ChatbotAsync(["hours"]);
        var webhook = await owner.GetOkAsync($"webhooks/{(await owner.WebhookAsync()).Str("id")}");
        var evt = Assert.Single(await owner.AllAsync("events"));
        var before = await owner.CountsAsync();

        (await stranger.GetAnswerAsync($"contacts/{contact.Str("id")}")).AssertProblem(HttpStatusCode.NotFound);
        (await stranger.PatchAsync($"contacts/{contact.Str("id")}", """{"name":"Mallory"}""")).AssertProblem(HttpStatusCode.NotFound);
        (await stranger.PostAsync("messages", $$"""{"contact_id":"{{contact.Str("id")}}","content":"Hi"}""")).AssertProblem(HttpStatusCode.NotFound);
        (await stranger.GetAnswerAsync($"chatbots/{chatbot.Str("id")}")).AssertProblem(HttpStatusCode.NotFound);
        (await stranger.PatchAsync($"chatbots/{chatbot.Str("id")}", """{"enabled":false}""")).AssertProblem(HttpStatusCode.NotFound);
        (await stranger.DeleteAnswerAsync($"chatbots/{chatbot.Str("id")}")).AssertProblem(HttpStatusCode.NotFound);
        (await stranger.GetAnswerAsync($"webhooks/{webhook.Str("id")}")).AssertProblem(HttpStatusCode.NotFound);
        (await stranger.GetAnswerAsync($"webhooks/{webhook.Str("id")}/secret")).AssertProblem(HttpStatusCode.NotFound);
        (await stranger.PostAsync($"webhooks/{webhook.Str("id")}/rotate-secret", "")).AssertProblem(HttpStatusCode.NotFound);
        (await stranger.PatchAsync($"webhooks/{webhook.Str("id")}", """{"url":"https://evil.example/"}""")).AssertProblem(HttpStatusCode.NotFound);
        (await stranger.DeleteAnswerAsync($"webhooks/{webhook.Str("id")}")).AssertProblem(HttpStatusCode.NotFound);
        (await stranger.GetAnswerAsync($"events/{evt.Str("id")}")).AssertProblem(HttpStatusCode.NotFound);

        Assert.Equal(before, await owner.CountsAsync());
        Assert.Equal(contact.GetRawText(), (await owner.GetOkAsync($"contacts/{contact.Str("id")}")).GetRawText());
        Assert.Equal(chatbot.GetRawText(), (await owner.GetOkAsync($"chatbots/{chatbot.Str("id")}")).GetRawText());
        Assert.Equal(webhook.GetRawText(), (await owner.GetOkAsync($"webhooks/{webhook.Str("id")}")).GetRawText());
    }

    [Fact]
    public async Task Lists_never_show_another_accounts_rows()
    {
        var owner = await fixture.NewTenantAsync();
        var stranger = await fixture.NewTenantAsync();
        var contact = await owner.ContactAsync();
        await owner.PostOkAsync("messages", new { contact_id = contact.Str("id"), content = "Hi" });
        await owner.ChatbotAsync(["hours"]);
        await owner.WebhookAsync();
        await owner.PostOkAsync("inbound/messages", new { from = Seed.Phone(), content = "hours" });

        Assert.Equal("contacts=0 messages=0 chatbots=0 webhooks=0 events=0", await stranger.CountsAsync());
        Assert.Empty(await stranger.AllAsync($"messages?contact_id={contact.Str("id")}"));
        Assert.Empty(await stranger.AllAsync("events?type=contact.created"));
        Assert.Equal("contacts=2 messages=3 chatbots=1 webhooks=1 events=6", await owner.CountsAsync());
    }

    [Fact]
    public async Task An_inbound_message_triggers_only_the_receiving_accounts_chatbots()
    {
        var owner = await fixture.NewTenantAsync();
        var stranger = await fixture.NewTenantAsync();
        await stranger.ChatbotAsync(["hours"]);
        var phone = Seed.Phone();
        await stranger.PostOkAsync("contacts", new { name = "Their Ada", phone });

        var message = await owner.PostOkAsync("inbound/messages", new { from = phone, content = "hours?" });

        Assert.Equal(["contact.created", "message.received"], (await owner.EventTypesAsync()).AsEnumerable().Reverse());
        Assert.Equal(message.Str("contact_id"), Assert.Single(await owner.AllAsync("contacts")).Str("id"));
        Assert.Single(await stranger.AllAsync("events"));
    }
}
