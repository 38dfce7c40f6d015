using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Libromi.Connect.Server.Hosting;

/// <summary>
/// Describes the fields marked <see cref="OpenApiNullableIntegerAttribute"/>: read as raw JSON, the generator
/// leaves them as a reference to an empty schema. A document transformer, because the property's own schema is only
/// that reference.
/// </summary>
public sealed class OpenApiNullableIntegers : IOpenApiDocumentTransformer
{
    private static readonly (string Type, string Property, OpenApiNullableIntegerAttribute Range)[] Marked =
    [
        .. from type in typeof(OpenApiNullableIntegers).Assembly.GetTypes()
           from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
           let range = property.GetCustomAttribute<OpenApiNullableIntegerAttribute>()
           where range is not null
           select (type.Name, JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name), range),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (type, property, range) in Marked)
        {
            if (document.Components?.Schemas is { } schemas && schemas.TryGetValue(type, out var schema) && schema is OpenApiSchema { Properties: { } properties } && properties.ContainsKey(property))
            {
                properties[property] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer | JsonSchemaType.Null,
                    Format = "int32",
                    Minimum = range.Minimum.ToString(CultureInfo.InvariantCulture),
                    Maximum = range.Maximum.ToString(CultureInfo.InvariantCulture),
                };
            }
        }
        return Task.CompletedTask;
    }
}
