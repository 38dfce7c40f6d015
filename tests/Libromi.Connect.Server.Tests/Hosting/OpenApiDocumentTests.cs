using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Hosting;

/// <summary>The OpenAPI document names the server's public URL only when one is configured, never the request's Host.</summary>
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

    private static async Task<string> DocumentAsync(TestServer server, string host)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
