using System.Text.Json;

namespace Libromi.Connect.Client.Tests.Support;

/// <summary>
/// Compares two models by their content. Record equality compares lists and <see cref="JsonElement"/>s by reference,
/// so two reads of the same resource are never <c>Equals</c>.
/// </summary>
public static class AssertJson
{
    public static void Same<T>(T expected, T actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
}
