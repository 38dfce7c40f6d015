using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Libromi.Connect.Server.Hosting;

/// <summary>Describes the fields marked <see cref="OpenApiNullableObjectAttribute"/> as an object or null, with their description.</summary>
public sealed class OpenApiNullableObjects : IOpenApiDocumentTransformer
{
    private static readonly (string Type, string Property, string Description)[] Marked =
    [
        .. from type in typeof(OpenApiNullableObjects).Assembly.GetTypes()
           from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
           let marked = property.GetCustomAttribute<OpenApiNullableObjectAttribute>()
           where marked is not null
           select (type.Name, JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name), marked.Description),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (type, property, description) in Marked)
        {
            if (document.Components?.Schemas is { } schemas && schemas.TryGetValue(type, out var schema) && schema is OpenApiSchema { Properties: { } properties } && properties.ContainsKey(property))
            {
                properties[property] = new OpenApiSchema { Type = JsonSchemaType.Object | JsonSchemaType.Null, Description = description };
            }
        }
        return Task.CompletedTask;
    }
}
