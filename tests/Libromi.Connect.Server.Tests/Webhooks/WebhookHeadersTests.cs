using System.Net;
using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Webhooks;

/// <summary>The <c>headers</c> field as a user sets and reads it; what arrives at the receiver is in Delivery/EndpointAuthDeliveryTests.</summary>
public sealed class WebhookHeadersTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Key = "k3y-0123456789-abcd";

    [Fact]
    public async Task Header_values_are_write_only_and_reads_show_a_hint_of_the_last_four_characters()
    {
        var client = await fixture.NewTenantAsync();

        var created = await client.PostOkAsync("webhooks", new { url = "https://example.com/a", events = new[] { "*" }, headers = new Dictionary<string, string> { ["X-Api-Key"] = Key, ["X-Short"] = "tiny" } });
        var read = await client.GetOkAsync($"webhooks/{created.Str("id")}");
        var listed = Assert.Single(await client.AllAsync("webhooks"));

        foreach (var answer in new[] { created, read, listed })
        {
            Assert.Equal("…abcd", answer.GetProperty("headers").Str("X-Api-Key"));
            Assert.Equal("…", answer.GetProperty("headers").Str("X-Short"));
            Assert.DoesNotContain(Key, answer.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain("tiny", answer.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_webhook_without_headers_reads_null()
    {
        var client = await fixture.NewTenantAsync();

        var created = await client.PostOkAsync("webhooks", new { url = "https://example.com/a", events = new[] { "*" } });

        Assert.Equal(JsonValueKind.Null, created.GetProperty("headers").ValueKind);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("auth").ValueKind);
    }

    [Theory]
    [InlineData("Content-Type")]
    [InlineData("content-length")]
    [InlineData("Content-Encoding")]
    [InlineData("User-Agent")]
    [InlineData("HOST")]
    [InlineData("Transfer-Encoding")]
    [InlineData("Connection")]
    [InlineData("Keep-Alive")]
    [InlineData("Proxy-Authorization")]
    [InlineData("TE")]
    [InlineData("Trailer")]
    [InlineData("Upgrade")]
    [InlineData("Expect")]
    [InlineData("traceparent")]
    [InlineData("tracestate")]
    [InlineData("webhook-signature")]
    [InlineData("Webhook-Id")]
    [InlineData("X-Libromi-Signature")]
    [InlineData("x-libromi-anything")]
    [InlineData("X Api Key")]
    [InlineData("X-Api-Key:")]
    [InlineData("X-Injected: yes\r\nX-Other")]
    [InlineData(":authority")]
    [InlineData("")]
    public async Task A_header_name_the_platform_sets_or_that_is_no_token_answers_422_naming_it(string name)
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.PostAsync("webhooks", JsonSerializer.Serialize(new { url = "https://example.com/a", events = new[] { "*" }, headers = new Dictionary<string, string> { [name] = "value" } })))
            .AssertInvalidFields($"headers.{name}");

        Assert.Contains($"'headers.{name}'", problem.Error($"headers.{name}"), StringComparison.Ordinal);
        Assert.Empty(await client.AllAsync("webhooks"));
    }

    [Theory]
    [InlineData("value\r\nX-Injected: yes")]
    [InlineData("value\nX-Injected: yes")]
    [InlineData("value\rmore")]
    [InlineData("nul\0byte")]
    [InlineData("bell\u0007")]
    [InlineData("caf\u00e9")]
    [InlineData("   ")]
    [InlineData("…abcd")]
    public async Task A_header_value_that_could_inject_or_is_not_visible_ascii_answers_422_naming_the_header(string value)
    {
        var client = await fixture.NewTenantAsync();

        (await client.PostAsync("webhooks", JsonSerializer.Serialize(new { url = "https://example.com/a", events = new[] { "*" }, headers = new Dictionary<string, string> { ["X-Custom"] = value } })))
            .AssertInvalidFields("headers.X-Custom");

        Assert.Empty(await client.AllAsync("webhooks"));
    }

    [Fact]
    public async Task Names_differing_only_in_case_too_many_headers_and_too_long_values_are_refused()
    {
        var client = await fixture.NewTenantAsync();

        (await client.PostAsync("webhooks", """{"url":"https://example.com/a","events":["*"],"headers":{"X-Key":"a","x-key":"b"}}""")).AssertInvalidFields("headers.x-key");
        var many = Enumerable.Range(0, 21).ToDictionary(i => $"X-H{i}", _ => "v");
        (await client.PostAsync("webhooks", JsonSerializer.Serialize(new { url = "https://example.com/a", events = new[] { "*" }, headers = many }))).AssertInvalidFields("headers");
        var longValue = new string('a', 4097);
        (await client.PostAsync("webhooks", JsonSerializer.Serialize(new { url = "https://example.com/a", events = new[] { "*" }, headers = new Dictionary<string, string> { ["X-Long"] = longValue } })))
            .AssertInvalidFields("headers.X-Long");
        var large = Enumerable.Range(0, 5).ToDictionary(i => $"X-H{i}", _ => new string('b', 4000));
        (await client.PostAsync("webhooks", JsonSerializer.Serialize(new { url = "https://example.com/a", events = new[] { "*" }, headers = large }))).AssertInvalidFields("headers");
        Assert.Empty(await client.AllAsync("webhooks"));
    }

    [Fact]
    public async Task Authorization_is_a_custom_header_only_while_no_auth_is_set()
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.PostOkAsync("webhooks", new { url = "https://example.com/a", events = new[] { "*" }, headers = new Dictionary<string, string> { ["Authorization"] = "ApiKey 0123456789abcdef" } })).Str("id");

        (await client.PatchAsync($"webhooks/{id}", """{"auth":{"type":"bearer","token":"abc"}}""")).AssertInvalidFields("auth");
        (await client.PostAsync("webhooks", """{"url":"https://example.com/a","events":["*"],"headers":{"authorization":"x"},"auth":{"type":"basic","username":"u","password":"p"}}"""))
            .AssertInvalidFields("headers.authorization");

        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"webhooks/{id}", """{"headers":null,"auth":{"type":"bearer","token":"abc"}}""")).Status);
    }

    [Fact]
    public async Task Patching_headers_replaces_them_keeps_a_value_sent_back_as_its_hint_and_null_removes_them_all()
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.PostOkAsync("webhooks", new { url = "https://example.com/a", events = new[] { "*" }, headers = new Dictionary<string, string> { ["X-Api-Key"] = Key, ["X-Gone"] = "soon" } })).Str("id");

        var patched = (await client.PatchAsync($"webhooks/{id}", """{"headers":{"x-api-key":"…abcd","X-New":"new-value-123456"}}""")).Json;

        Assert.Equal(["x-api-key", "X-New"], patched.GetProperty("headers").EnumerateObject().Select(p => p.Name));
        Assert.Equal("…abcd", patched.GetProperty("headers").Str("x-api-key"));
        Assert.Equal("…3456", patched.GetProperty("headers").Str("X-New"));
        (await client.PatchAsync($"webhooks/{id}", """{"headers":{"X-New":"…wxyz"}}""")).AssertInvalidFields("headers.X-New");
        (await client.PatchAsync($"webhooks/{id}", """{"headers":{"X-New":7}}""")).AssertInvalidFields("headers.X-New");
        (await client.PatchAsync($"webhooks/{id}", """{"headers":"X-New: 1"}""")).AssertInvalidFields("headers");
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"webhooks/{id}", """{"description":"headers stay"}""")).Status);
        Assert.Equal("…3456", (await client.GetOkAsync($"webhooks/{id}")).GetProperty("headers").Str("X-New"));

        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"webhooks/{id}", """{"headers":null}""")).Status);
        Assert.Equal(JsonValueKind.Null, (await client.GetOkAsync($"webhooks/{id}")).GetProperty("headers").ValueKind);
    }
}
