using Libromi.Connect.Server.Api;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Libromi.Connect.Server.Hosting;

/// <summary>
/// Describes fields read by <see cref="WellFormedTextConverter"/> as the nullable strings they are: the generator
/// leaves any field with a custom converter without a type.
/// </summary>
public sealed class OpenApiTextSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo?.CustomConverter is WellFormedTextConverter)
        {
            schema.Type = JsonSchemaType.String | JsonSchemaType.Null;
        }
        return Task.CompletedTask;
    }
}
