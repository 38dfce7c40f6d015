using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Libromi.Connect.Server.Hosting;

/// <summary>
/// The document's <c>info</c>: the product's name and what its API is for, instead of the framework's default of the
/// assembly name ("Libromi.Connect.Server | v1").
/// </summary>
public sealed class OpenApiProductInfo : IOpenApiDocumentTransformer
{
    public const string Title = "Libromi Connect API";

    public const string Description =
        "The platform API of Libromi Connect: contacts, messages and chatbots, and the webhooks that tell your application " +
        "what happens to them. Authenticate every call with `Authorization: Bearer <API key>`; a `read` key may only read. " +
        "Errors are RFC 9457 problem+json naming the field and the fix. Each webhook delivery is a signed POST " +
        "(`x-libromi-signature`, HMAC-SHA256 of the body, and Standard Webhooks headers), retried until a 2xx.";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = Title;
        document.Info.Description = Description;
        document.Info.Version = "v1";
        return Task.CompletedTask;
    }
}
