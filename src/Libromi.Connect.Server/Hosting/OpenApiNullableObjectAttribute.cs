namespace Libromi.Connect.Server.Hosting;

/// <summary>
/// Marks a field of free JSON that takes an object, or null: <see cref="OpenApiNullableObjects"/> describes it so, with
/// <see cref="Description"/>, instead of the generator's reference to an empty schema.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OpenApiNullableObjectAttribute(string description) : Attribute
{
    public string Description { get; } = description;
}
