using Libromi.Connect.Server.Api;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Libromi.Connect.Server.Hosting;

/// <summary>
/// The document's <c>servers</c>: <see cref="ApiOptions.PublicUrl"/> when configured, otherwise none. The framework's
/// default echoes the request's Host header, which any caller can set to a URL of its choosing.
/// </summary>
public sealed class OpenApiServers(IOptions<ApiOptions> options) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Servers = options.Value.PublicUrl is { } url ? [new OpenApiServer { Url = url.AbsoluteUri.TrimEnd('/') }] : [];
        return Task.CompletedTask;
    }
}
