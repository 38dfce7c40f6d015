using System.Runtime.CompilerServices;

namespace Libromi.Connect.Client.Http;

/// <summary>Puts a caller's id into a URL path, so that an id holding '/' or '?' cannot address another route.</summary>
internal static class PathSegment
{
    public static string Of(string id, [CallerArgumentExpression(nameof(id))] string? parameter = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, parameter);
        return Uri.EscapeDataString(id);
    }
}
