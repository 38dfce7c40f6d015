using System.Text.Json;

namespace Libromi.Connect.Server.Api;

/// <summary>
/// Thrown by this server's JSON converters for a value they refuse; <see cref="Reason"/> is what the caller reads,
/// without the location the serializer appends to <see cref="Exception.Message"/>.
/// </summary>
public class JsonReasonException(string reason, Exception? inner = null) : JsonException(reason, inner)
{
    public string Reason { get; } = reason;
}
