namespace Libromi.Connect.Server.Hosting;

/// <summary>
/// Marks a field read as raw JSON (to tell absent from null) that takes an integer from <see cref="Minimum"/> to
/// <see cref="Maximum"/>, or null: <see cref="OpenApiNullableIntegers"/> describes it so.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OpenApiNullableIntegerAttribute(int minimum, int maximum) : Attribute
{
    public int Minimum { get; } = minimum;

    public int Maximum { get; } = maximum;
}
