using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Libromi.Connect.Server.Hosting;

/// <summary>
/// Describes the fields marked <see cref="OpenApiLikeAttribute"/>, which the generator leaves as a reference to
/// <c>JsonElement</c>, with the schema of the same field of the named component (a PATCH field like its create field).
/// </summary>
public sealed class OpenApiLikeFields : IOpenApiDocumentTransformer
{
    private static readonly (string Type, string Property, string Like)[] Marked =
    [
        .. from type in typeof(OpenApiLikeFields).Assembly.GetTypes()
           from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
           let like = property.GetCustomAttribute<OpenApiLikeAttribute>()
           where like is not null
           select (type.Name, JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name), like.Schema),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (type, property, like) in Marked)
        {
            if (document.Components?.Schemas is { } schemas
                && schemas.TryGetValue(type, out var schema) && schema is OpenApiSchema { Properties: { } properties } && properties.ContainsKey(property)
                && schemas.TryGetValue(like, out var source) && source.Properties?.TryGetValue(property, out var described) == true)
            {
                properties[property] = described;
            }
        }
        return Task.CompletedTask;
    }
}
