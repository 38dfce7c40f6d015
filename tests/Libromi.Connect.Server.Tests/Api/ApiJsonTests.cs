using System.Text.Json;
using System.Text.Json.Serialization;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Tests.Support;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Libromi.Connect.Server.Tests.Api;

/// <summary>The API's bodies are read and written with source-generated metadata, not reflection.</summary>
public sealed class ApiJsonTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public void Every_type_an_endpoint_reads_or_writes_is_described_by_source_generated_metadata()
    {
        var endpoints = fixture.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        var types = endpoints.SelectMany(e => e.Metadata.OfType<IAcceptsMetadata>().Select(m => m.RequestType)
                .Concat(e.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.Type)))
            .OfType<Type>().Where(t => t != typeof(void))
            // The problem types the handlers and the exception handler write at run time, next to those they describe.
            .Append(typeof(ProblemDetails)).Append(typeof(ValidationProblemDetails))
            .Distinct().ToList();
        var http = fixture.Server.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;

        Assert.Contains(typeof(Page<Libromi.Connect.Webhooks.Events.Contact>), types);
        Assert.All(types, type =>
        {
            Assert.IsAssignableFrom<JsonSerializerContext>(ApiJson.Options.GetTypeInfo(type).OriginatingResolver);
            Assert.IsAssignableFrom<JsonSerializerContext>(http.GetTypeInfo(type).OriginatingResolver);
        });
    }

    [Fact]
    public void A_type_the_context_does_not_name_is_still_written_through_reflection()
    {
        Assert.Equal("""{"status":"ok","checked_at":null}""", JsonSerializer.Serialize(new { Status = "ok", CheckedAt = (string?)null }, ApiJson.Options));
    }
}
