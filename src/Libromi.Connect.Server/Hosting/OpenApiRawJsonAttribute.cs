using Microsoft.OpenApi;

namespace Libromi.Connect.Server.Hosting;

/// <summary>
/// Marks a field read as raw JSON (to tell absent from null, or to take free JSON), which the generator leaves as a
/// reference to an empty schema: <see cref="OpenApiRawJsonFields"/> puts <see cref="Describe"/>'s schema in its place.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public abstract class OpenApiRawJsonAttribute : Attribute
{
    /// <summary>The field's schema, given the document's component schemas; null leaves it as generated.</summary>
    public abstract IOpenApiSchema? Describe(IDictionary<string, IOpenApiSchema> schemas, string property);
}
