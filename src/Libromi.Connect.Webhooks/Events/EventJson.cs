using System.Text.Json;
using System.Text.Json.Serialization;

namespace Libromi.Connect.Webhooks.Events;

/// <summary>How event data is read: snake_case, and strict about what the models promise.</summary>
internal static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.Strict,
        // A missing or null field the model declares non-nullable must fail parsing, not reach a handler as null.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        // Unknown fields are allowed so that fields added by a newer server do not break an older receiver.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };
}
