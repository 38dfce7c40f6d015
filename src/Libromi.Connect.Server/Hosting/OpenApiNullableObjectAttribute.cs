using Microsoft.OpenApi;

namespace Libromi.Connect.Server.Hosting;

/// <summary>A field of free JSON that takes an object, or null, described by <see cref="Description"/>.</summary>
public sealed class OpenApiNullableObjectAttribute(string description) : OpenApiRawJsonAttribute
{
    public string Description { get; } = description;

    public override IOpenApiSchema Describe(IDictionary<string, IOpenApiSchema> schemas, string property) =>
        new OpenApiSchema { Type = JsonSchemaType.Object | JsonSchemaType.Null, Description = Description };
}
