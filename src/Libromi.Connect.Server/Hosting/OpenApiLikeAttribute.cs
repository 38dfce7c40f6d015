namespace Libromi.Connect.Server.Hosting;

/// <summary>
/// Marks a field read as raw JSON (to tell absent from null) that takes what the same field of <see cref="Schema"/> takes:
/// <see cref="OpenApiLikeFields"/> describes it with that field's schema.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OpenApiLikeAttribute(string schema) : Attribute
{
    public string Schema { get; } = schema;
}
