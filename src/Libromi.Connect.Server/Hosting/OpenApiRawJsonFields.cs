using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Libromi.Connect.Server.Hosting;

/// <summary>
/// Describes the fields marked with an <see cref="OpenApiRawJsonAttribute"/>. A document transformer, because the
/// property's own schema is only a reference, and a field may be described like another component's field.
/// </summary>
public sealed class OpenApiRawJsonFields : IOpenApiDocumentTransformer
{
    private static readonly (string Type, string Property, OpenApiRawJsonAttribute Marker)[] Marked =
    [
        .. from type in typeof(OpenApiRawJsonFields).Assembly.GetTypes()
           from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
           let marker = property.GetCustomAttribute<OpenApiRawJsonAttribute>()
           where marker is not null
           // A field described like another is described after the others, in case that other is one of them.
           orderby marker is OpenApiLikeAttribute
           select (type.Name, JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name), marker),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (type, property, marker) in Marked)
        {
            if (document.Components?.Schemas is { } schemas && schemas.TryGetValue(type, out var schema) && schema is OpenApiSchema { Properties: { } properties }
                && properties.ContainsKey(property) && marker.Describe(schemas, property) is { } described)
            {
                properties[property] = described;
            }
        }
        return Task.CompletedTask;
    }
}
