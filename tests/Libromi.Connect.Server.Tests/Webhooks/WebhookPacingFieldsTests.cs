using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Webhooks;

/// <summary>The <c>ordering</c> and <c>rate_limit</c> fields as a user sets and reads them; the behaviour is in Delivery/.</summary>
public sealed class WebhookPacingFieldsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_new_webhook_is_unordered_and_unlimited_unless_asked()
    {
        var client = await fixture.NewTenantAsync();

        var plain = await client.PostOkAsync("webhooks", new { url = "https://example.com/a", events = new[] { "*" } });
        var paced = await client.PostOkAsync("webhooks", new { url = "https://example.com/b", events = new[] { "*" }, ordering = "contact", rate_limit = 25 });

        Assert.Equal("none", plain.Str("ordering"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plain.GetProperty("rate_limit").ValueKind);
        var read = await client.GetOkAsync($"webhooks/{paced.Str("id")}");
        Assert.Equal("contact", read.Str("ordering"));
        Assert.Equal(25, read.GetProperty("rate_limit").GetInt32());
    }

    [Fact]
    public async Task Patching_sets_keeps_and_removes_the_rate_limit()
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.PostOkAsync("webhooks", new { url = "https://example.com/a", events = new[] { "*" } })).Str("id");

        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"webhooks/{id}", """{"rate_limit":7,"ordering":"contact"}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"webhooks/{id}", """{"description":"kept"}""")).Status);
        var kept = await client.GetOkAsync($"webhooks/{id}");
        Assert.Equal(7, kept.GetProperty("rate_limit").GetInt32());
        Assert.Equal("contact", kept.Str("ordering"));

        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"webhooks/{id}", """{"rate_limit":null,"ordering":"none"}""")).Status);
        var removed = await client.GetOkAsync($"webhooks/{id}");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, removed.GetProperty("rate_limit").ValueKind);
        Assert.Equal("none", removed.Str("ordering"));
    }

    [Theory]
    [InlineData("""{"ordering":"fifo"}""", "ordering")]
    [InlineData("""{"ordering":"Contact"}""", "ordering")]
    [InlineData("""{"rate_limit":0}""", "rate_limit")]
    [InlineData("""{"rate_limit":-3}""", "rate_limit")]
    [InlineData("""{"rate_limit":10001}""", "rate_limit")]
    public async Task A_wrong_ordering_or_rate_limit_on_create_answers_422_and_creates_nothing(string fields, string field)
    {
        var client = await fixture.NewTenantAsync();
        var body = """{"url":"https://example.com/a","events":["*"],""" + fields[1..];

        var problem = (await client.PostAsync("webhooks", body)).AssertInvalidFields(field);

        Assert.Contains(field, problem.Error(field), StringComparison.Ordinal);
        Assert.Empty(await client.AllAsync("webhooks"));
    }

    [Theory]
    [InlineData("""{"ordering":"fifo"}""", "ordering")]
    [InlineData("""{"rate_limit":0}""", "rate_limit")]
    [InlineData("""{"rate_limit":2.5}""", "rate_limit")]
    [InlineData("""{"rate_limit":"10"}""", "rate_limit")]
    [InlineData("""{"rate_limit":99999999999}""", "rate_limit")]
    public async Task A_wrong_ordering_or_rate_limit_on_patch_answers_422_and_changes_nothing(string body, string field)
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.PostOkAsync("webhooks", new { url = "https://example.com/a", events = new[] { "*" }, rate_limit = 5 })).Str("id");
        var before = await client.GetOkAsync($"webhooks/{id}");

        (await client.PatchAsync($"webhooks/{id}", body)).AssertInvalidFields(field);

        Assert.Equal(before.GetRawText(), (await client.GetOkAsync($"webhooks/{id}")).GetRawText());
    }

    [Fact]
    public async Task A_rate_limit_sent_as_a_string_is_refused_not_read_as_a_number()
    {
        var client = await fixture.NewTenantAsync();

        var answer = await client.PostAsync("webhooks", """{"url":"https://example.com/a","events":["*"],"rate_limit":"10"}""");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("rate_limit", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await client.AllAsync("webhooks"));
    }
}
