using Microsoft.OpenApi;

namespace Libromi.Connect.Server.Hosting;

/// <summary>A field that takes what the same field of the component <see cref="Schema"/> takes (a PATCH field like its create field).</summary>
public sealed class OpenApiLikeAttribute(string schema) : OpenApiRawJsonAttribute
{
    public string Schema { get; } = schema;

    public override IOpenApiSchema? Describe(IDictionary<string, IOpenApiSchema> schemas, string property) =>
        schemas.TryGetValue(Schema, out var source) && source.Properties?.TryGetValue(property, out var described) == true ? described : null;
}
