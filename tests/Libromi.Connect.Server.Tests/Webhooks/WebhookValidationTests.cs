using System.Net;
using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Webhooks;

public sealed class WebhookValidationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string[] Catalog = ["contact.created", "contact.updated", "message.received", "message.sent", "chatbot.triggered"];

    [Fact]
    public async Task An_unknown_event_type_answers_422_listing_the_valid_ones()
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.PostAsync("webhooks", """{"url":"https://example.com/webhook","events":["message.received","message.deleted"]}"""))
            .AssertInvalidFields("events[1]");

        var error = problem.Error("events[1]");
        Assert.Contains("message.deleted", error, StringComparison.Ordinal);
        Assert.All(Catalog, type => Assert.Contains(type, error, StringComparison.Ordinal));
        Assert.Empty(await client.AllAsync("webhooks"));
    }

    [Fact]
    public async Task A_star_subscribes_to_every_event()
    {
        var client = await fixture.NewTenantAsync();

        var webhook = await client.PostOkAsync("webhooks", new { url = "https://example.com/webhook", events = new[] { "*" } });

        Assert.Equal(["*"], webhook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Every_catalog_type_may_be_subscribed_to_by_name()
    {
        var client = await fixture.NewTenantAsync();

        var webhook = await client.PostOkAsync("webhooks", new { url = "https://example.com/webhook", events = Catalog });

        Assert.Equal(Catalog, webhook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("""[]""", "events")]
    [InlineData("""["*","message.sent"]""", "events")]
    [InlineData("""["Message.Sent"]""", "events[0]")]
    public async Task Empty_mixed_star_and_wrongly_cased_event_lists_answer_422(string events, string field)
    {
        var client = await fixture.NewTenantAsync();

        (await client.PostAsync("webhooks", $$"""{"url":"https://example.com/webhook","events":{{events}}}""")).AssertInvalidFields(field);
    }

    [Fact]
    public async Task Url_and_events_are_required()
    {
        var client = await fixture.NewTenantAsync();

        (await client.PostAsync("webhooks", "{}")).AssertInvalidFields("url", "events");
    }

    [Theory]
    [InlineData("/webhook")]
    [InlineData("example.com/webhook")]
    [InlineData("ftp://example.com/webhook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://user:secret@example.com/webhook")]
    [InlineData("https://token@example.com/webhook")]
    public async Task Urls_that_are_not_absolute_http_or_https_or_carry_credentials_answer_422(string url)
    {
        var client = await fixture.NewTenantAsync();

        (await client.PostAsync("webhooks", JsonSerializer.Serialize(new { url, events = new[] { "*" } }))).AssertInvalidFields("url");

        Assert.Empty(await client.AllAsync("webhooks"));
    }

    [Fact]
    public async Task A_url_of_2048_characters_is_accepted_and_one_of_2049_is_not()
    {
        var client = await fixture.NewTenantAsync();
        const string start = "https://example.com/";

        var longest = start + new string('a', 2048 - start.Length);
        var tooLong = longest + "a";

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("webhooks", JsonSerializer.Serialize(new { url = longest, events = new[] { "*" } }))).Status);
        var problem = (await client.PostAsync("webhooks", JsonSerializer.Serialize(new { url = tooLong, events = new[] { "*" } }))).AssertInvalidFields("url");
        Assert.Contains("2048", problem.Error("url"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_urls_are_accepted()
    {
        var client = await fixture.NewTenantAsync();

        var webhook = await client.PostOkAsync("webhooks", new { url = "http://example.com:8080/hook?x=1", events = new[] { "*" } });

        Assert.Equal("http://example.com:8080/hook?x=1", webhook.Str("url"));
    }
}
