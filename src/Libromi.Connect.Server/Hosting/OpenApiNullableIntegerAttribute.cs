using System.Globalization;
using Microsoft.OpenApi;

namespace Libromi.Connect.Server.Hosting;

/// <summary>A field that takes an integer from <see cref="Minimum"/> to <see cref="Maximum"/>, or null.</summary>
public sealed class OpenApiNullableIntegerAttribute(int minimum, int maximum) : OpenApiRawJsonAttribute
{
    public int Minimum { get; } = minimum;

    public int Maximum { get; } = maximum;

    public override IOpenApiSchema Describe(IDictionary<string, IOpenApiSchema> schemas, string property) => new OpenApiSchema
    {
        Type = JsonSchemaType.Integer | JsonSchemaType.Null,
        Format = "int32",
        Minimum = Minimum.ToString(CultureInfo.InvariantCulture),
        Maximum = Maximum.ToString(CultureInfo.InvariantCulture),
    };
}
