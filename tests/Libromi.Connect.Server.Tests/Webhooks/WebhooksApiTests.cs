using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Webhooks;

public sealed class WebhooksApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Creating_a_webhook_answers_201_with_a_whsec_secret_of_32_random_bytes()
    {
        var client = await fixture.NewTenantAsync();

        var answer = await client.PostAsync("webhooks", """{"url":"https://example.com/webhook","events":["message.received","contact.created"],"description":"CRM sync"}""");

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var webhook = answer.Json;
        Assert.StartsWith("whk_", webhook.Str("id"), StringComparison.Ordinal);
        Assert.Equal("https://example.com/webhook", webhook.Str("url"));
        Assert.Equal(["message.received", "contact.created"], webhook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("CRM sync", webhook.Str("description"));
        Assert.True(webhook.GetProperty("enabled").GetBoolean());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", webhook.Str("created_at"));
        var secret = webhook.Str("secret");
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
    }

    [Fact]
    public async Task Every_webhook_gets_its_own_secret()
    {
        var client = await fixture.NewTenantAsync();

        var first = await client.WebhookAsync();
        var second = await client.WebhookAsync();

        Assert.NotEqual(first.Str("secret"), second.Str("secret"));
    }

    [Fact]
    public async Task A_webhook_can_be_read_back_and_listed()
    {
        var client = await fixture.NewTenantAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await client.WebhookAsync($"https://example.com/hook/{i}")).Str("id"));
        }

        var read = await client.GetOkAsync($"webhooks/{ids[0]}");
        var all = await client.AllAsync("webhooks", limit: 2);

        Assert.Equal("https://example.com/hook/0", read.Str("url"));
        ids.Reverse();
        Assert.Equal(ids, all.Select(w => w.Str("id")));
    }

    [Fact]
    public async Task Patching_changes_url_events_description_and_enabled_but_not_the_secret()
    {
        var client = await fixture.NewTenantAsync();
        var created = await client.PostOkAsync("webhooks", new { url = "https://example.com/a", events = new[] { "*" }, description = "old" });
        var id = created.Str("id");

        var answer = await client.PatchAsync($"webhooks/{id}", """{"url":"https://example.com/b","events":["message.sent"],"description":"new","enabled":false}""");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var read = await client.GetOkAsync($"webhooks/{id}");
        Assert.Equal("https://example.com/b", read.Str("url"));
        Assert.Equal(["message.sent"], read.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("new", read.Str("description"));
        Assert.False(read.GetProperty("enabled").GetBoolean());
        Assert.Equal(created.Str("secret"), (await client.GetOkAsync($"webhooks/{id}/secret")).Str("secret"));
        Assert.Equal(created.Str("created_at"), read.Str("created_at"));
    }

    [Fact]
    public async Task A_patch_is_validated_like_a_create_and_changes_nothing_when_rejected()
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.WebhookAsync()).Str("id");
        var before = await client.GetOkAsync($"webhooks/{id}");

        (await client.PatchAsync($"webhooks/{id}", """{"url":"ftp://example.com","events":["nope"]}""")).AssertInvalidFields("url", "events[0]");

        Assert.Equal(before.GetRawText(), (await client.GetOkAsync($"webhooks/{id}")).GetRawText());
    }

    [Fact]
    public async Task Deleting_answers_204_and_the_webhook_is_gone()
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.WebhookAsync()).Str("id");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAnswerAsync($"webhooks/{id}")).Status);

        (await client.GetAnswerAsync($"webhooks/{id}")).AssertProblem(HttpStatusCode.NotFound);
        (await client.PatchAsync($"webhooks/{id}", """{"description":"x"}""")).AssertProblem(HttpStatusCode.NotFound);
        (await client.DeleteAnswerAsync($"webhooks/{id}")).AssertProblem(HttpStatusCode.NotFound);
        Assert.Empty(await client.AllAsync("webhooks"));
    }
}
