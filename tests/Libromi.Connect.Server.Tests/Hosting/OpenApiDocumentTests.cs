using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Hosting;

/// <summary>
/// The OpenAPI document names the server's public URL only when one is configured, never the request's Host, and lists
/// every answer of each operation, errors included.
/// </summary>
public sealed class OpenApiDocumentTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_spoofed_host_header_does_not_appear_in_the_document()
    {
        var text = await DocumentAsync(fixture.Server, "evil.example");

        Assert.DoesNotContain("evil.example", text, StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(text);
        Assert.True(!document.RootElement.TryGetProperty("servers", out var servers) || servers.GetArrayLength() == 0, $"No servers expected: {servers}");
    }

    [Fact]
    public async Task A_configured_Api_PublicUrl_is_the_only_server()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Api:PublicUrl"] = "https://libromi.example.com" });

        using var document = System.Text.Json.JsonDocument.Parse(await DocumentAsync(server, "evil.example"));

        var only = Assert.Single(document.RootElement.GetProperty("servers").EnumerateArray());
        Assert.Equal("https://libromi.example.com", only.GetProperty("url").GetString());
    }

    [Fact]
    public async Task An_Api_PublicUrl_that_is_not_an_absolute_http_url_stops_the_server_at_start()
    {
        var failure = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => TestServer.StartAsync(new Dictionary<string, string?> { ["Api:PublicUrl"] = "libromi.example.com" }));

        Assert.Contains("Api:PublicUrl", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_fields_checked_for_well_formed_unicode_are_described_as_strings()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await DocumentAsync(fixture.Server, fixture.Server.BaseAddress.Authority));

        var result = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ListenResultRequest").GetProperty("properties");
        foreach (var field in new[] { "error", "response_body" })
        {
            var types = result.GetProperty(field).GetProperty("type").EnumerateArray().Select(t => t.GetString()).Order(StringComparer.Ordinal);
            Assert.Equal(["null", "string"], types);
        }
    }

    [Theory]
    [InlineData("post", "/api/v1/webhooks", new[] { "201", "400", "401", "403", "409", "415", "422", "503" })]
    [InlineData("get", "/api/v1/webhooks/{id}", new[] { "200", "401", "403", "404", "503" })]
    [InlineData("patch", "/api/v1/contacts/{id}", new[] { "200", "400", "401", "403", "404", "409", "415", "422", "503" })]
    [InlineData("delete", "/api/v1/chatbots/{id}", new[] { "204", "401", "403", "404", "503" })]
    [InlineData("post", "/api/v1/deliveries/{id}/retry", new[] { "202", "401", "403", "404", "409", "422", "503" })]
    [InlineData("get", "/api/v1/events", new[] { "200", "401", "403", "422", "503" })]
    public async Task Each_operation_lists_its_success_and_every_problem_it_can_answer(string method, string path, string[] statuses)
    {
        using var document = System.Text.Json.JsonDocument.Parse(await DocumentAsync(fixture.Server, fixture.Server.BaseAddress.Authority));

        var responses = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");

        Assert.Equal(statuses, responses.EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));
        foreach (var problem in responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
        {
            Assert.True(problem.Value.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{problem.Name} of {method} {path} is not problem+json");
        }
    }

    [Fact]
    public async Task A_webhooks_headers_and_auth_are_described_on_create_patch_and_reads()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await DocumentAsync(fixture.Server, fixture.Server.BaseAddress.Authority));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        foreach (var type in new[] { "CreateWebhookRequest", "UpdateWebhookRequest", "Webhook" })
        {
            var properties = schemas.GetProperty(type).GetProperty("properties");
            Assert.Equal("string", properties.GetProperty("headers").GetProperty("additionalProperties").GetProperty("type").GetString());
            Assert.Contains("#/components/schemas/", properties.GetProperty("auth").GetRawText(), StringComparison.Ordinal);
        }
        Assert.True(schemas.GetProperty("WebhookAuthRequest").GetProperty("properties").TryGetProperty("private_key", out _));
    }

    private static async Task<string> DocumentAsync(TestServer server, string host)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return body;
    }
}
