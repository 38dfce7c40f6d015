using Libromi.Connect.Server.Api;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Libromi.Connect.Server.Hosting;

/// <summary>
/// Describes every string as the (nullable, where annotated so) string it is: the generator leaves a value read by a
/// custom converter without a type, and every string is (<see cref="StrictStringConverter"/>, and
/// <see cref="WellFormedTextConverter"/> for some fields).
/// </summary>
public sealed class OpenApiTextSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo;
        if (type.Type == typeof(string) && schema.Type is null)
        {
            schema.Type = context.JsonPropertyInfo?.IsGetNullable == true ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }
        // Lists and maps of strings: the empty schema of their items is left out altogether.
        else if (type.ElementType == typeof(string) && type.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Enumerable && schema.Items is null)
        {
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }
        else if (type.ElementType == typeof(string) && type.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Dictionary && schema.AdditionalProperties is null)
        {
            schema.AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String };
        }
        return Task.CompletedTask;
    }
}
