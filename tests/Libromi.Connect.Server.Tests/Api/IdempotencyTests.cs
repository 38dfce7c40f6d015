using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Api;

public sealed class IdempotencyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static Dictionary<string, string> Key(string key) => new() { ["Idempotency-Key"] = key };

    [Fact]
    public async Task A_repeated_contact_post_with_the_same_key_answers_the_first_response_and_creates_nothing()
    {
        var client = await fixture.NewTenantAsync();
        var body = $$"""{"name":"Ada","phone":"{{Seed.Phone()}}"}""";

        var first = await client.PostAsync("contacts", body, Key("create-ada"));
        var second = await client.PostAsync("contacts", body, Key("create-ada"));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal("true", second.Header("Idempotent-Replayed"));
        Assert.Equal("contacts=1 messages=0 chatbots=0 webhooks=0 events=1", await client.CountsAsync());
    }

    [Fact]
    public async Task Without_a_key_the_same_post_twice_is_two_requests()
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.ContactAsync()).Str("id");
        var body = $$"""{"contact_id":"{{id}}","content":"Hello"}""";

        await client.PostAsync("messages", body);
        await client.PostAsync("messages", body);

        Assert.Equal(2, (await client.AllAsync("messages")).Count);
    }

    [Theory]
    [InlineData("messages")]
    [InlineData("inbound/messages")]
    [InlineData("chatbots")]
    [InlineData("webhooks")]
    public async Task Every_post_replays_with_its_key(string path)
    {
        var client = await fixture.NewTenantAsync();
        var contact = await client.ContactAsync();
        var body = path switch
        {
            "messages" => $$"""{"contact_id":"{{contact.Str("id")}}","content":"Hello"}""",
            "inbound/messages" => $$"""{"from":"{{Seed.Phone()}}","content":"Hi"}""",
            "chatbots" => """{"name":"Hours","keywords":["hours"],"reply":"9 to 5"}""",
            _ => """{"url":"https://example.com/webhook","events":["contact.updated"]}""",
        };
        var before = await client.CountsAsync();

        var first = await client.PostAsync(path, body, Key("k-" + path));
        var afterFirst = await client.CountsAsync();
        var second = await client.PostAsync(path, body, Key("k-" + path));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(first.Status, second.Status);
        Assert.Equal(first.Text, second.Text);
        Assert.NotEqual(before, afterFirst);
        Assert.Equal(afterFirst, await client.CountsAsync());
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_answers_422_and_creates_nothing()
    {
        var client = await fixture.NewTenantAsync();
        await client.PostAsync("contacts", $$"""{"name":"Ada","phone":"{{Seed.Phone()}}"}""", Key("k1"));
        var before = await client.CountsAsync();

        var problem = (await client.PostAsync("contacts", $$"""{"name":"Grace","phone":"{{Seed.Phone()}}"}""", Key("k1"))).AssertInvalidFields("Idempotency-Key");

        Assert.Contains("different request", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(before, await client.CountsAsync());
    }

    [Fact]
    public async Task The_same_key_on_another_endpoint_answers_422()
    {
        var client = await fixture.NewTenantAsync();
        await client.PostAsync("chatbots", """{"name":"Hours","keywords":["hours"],"reply":"9 to 5"}""", Key("shared"));

        (await client.PostAsync("webhooks", """{"url":"https://example.com/webhook","events":["*"]}""", Key("shared"))).AssertInvalidFields("Idempotency-Key");

        Assert.Empty(await client.AllAsync("webhooks"));
    }

    [Fact]
    public async Task A_key_belongs_to_one_account()
    {
        var ada = await fixture.NewTenantAsync();
        var grace = await fixture.NewTenantAsync();
        var body = """{"name":"Hours","keywords":["hours"],"reply":"9 to 5"}""";

        var first = await ada.PostAsync("chatbots", body, Key("same-key"));
        var other = await grace.PostAsync("chatbots", body, Key("same-key"));

        Assert.Equal(HttpStatusCode.Created, other.Status);
        Assert.NotEqual(first.Json.Str("id"), other.Json.Str("id"));
        Assert.Null(other.Header("Idempotent-Replayed"));
        Assert.Single(await ada.AllAsync("chatbots"));
        Assert.Single(await grace.AllAsync("chatbots"));
    }

    [Fact]
    public async Task A_failed_request_is_not_remembered_so_its_key_can_be_retried_once_the_cause_is_fixed()
    {
        var client = await fixture.NewTenantAsync();
        var phone = Seed.Phone();
        var holder = await client.PostOkAsync("contacts", new { name = "Ada", phone });
        var body = $$"""{"name":"Grace","phone":"{{phone}}"}""";

        (await client.PostAsync("contacts", body, Key("grace"))).AssertProblem(HttpStatusCode.Conflict);
        await client.PatchAsync($"contacts/{holder.Str("id")}", $$"""{"phone":"{{Seed.Phone()}}"}""");
        var retried = await client.PostAsync("contacts", body, Key("grace"));

        Assert.Equal(HttpStatusCode.Created, retried.Status);
        Assert.Null(retried.Header("Idempotent-Replayed"));
        Assert.Equal(2, (await client.AllAsync("contacts")).Count);
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_answers_422()
    {
        var client = await fixture.NewTenantAsync();

        (await client.PostAsync("contacts", $$"""{"name":"Ada","phone":"{{Seed.Phone()}}"}""", Key(new string('k', 256)))).AssertInvalidFields("Idempotency-Key");

        Assert.Empty(await client.AllAsync("contacts"));
    }
}
