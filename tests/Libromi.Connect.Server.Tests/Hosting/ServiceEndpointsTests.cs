using System.Net;
using Libromi.Connect.Server.Tests.Support;

namespace Libromi.Connect.Server.Tests.Hosting;

public sealed class ServiceEndpointsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Healthz_answers_ok()
    {
        using var client = new HttpClient { BaseAddress = fixture.Server.BaseAddress };

        var answer = await client.GetAnswerAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("ok", answer.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_every_resource_path()
    {
        using var client = new HttpClient { BaseAddress = fixture.Server.BaseAddress };

        var answer = await client.GetAnswerAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var document = answer.Json;
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(
            new[]
            {
                "/api/v1/contacts", "/api/v1/contacts/{id}", "/api/v1/messages", "/api/v1/inbound/messages",
                "/api/v1/chatbots", "/api/v1/chatbots/{id}", "/api/v1/webhooks", "/api/v1/webhooks/{id}",
                "/api/v1/events", "/api/v1/events/{id}", "/api/v1/event-types", "/healthz", "/healthz/live", "/healthz/ready",
            },
            path => Assert.Contains(path, paths));
    }

    [Fact]
    public async Task The_api_reference_page_is_served()
    {
        using var client = new HttpClient { BaseAddress = fixture.Server.BaseAddress };

        var answer = await client.GetAnswerAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("text/html", answer.ContentType);
    }
}
