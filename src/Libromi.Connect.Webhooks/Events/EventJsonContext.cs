using System.Text.Json;
using System.Text.Json.Serialization;

namespace Libromi.Connect.Webhooks.Events;

/// <summary>
/// How event data is read and written, generated at build time so that trimmed and AOT-compiled apps can use it:
/// snake_case, fields in the models' order, a null written as null, and strict reading of what the models promise.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    // A missing or null field the model declares non-nullable must fail parsing, not reach a handler as null.
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    // Unknown fields are allowed so that fields added by a newer server do not break an older receiver.
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    Converters = [typeof(EventTimestampConverter)])]
[JsonSerializable(typeof(ContactCreated))]
[JsonSerializable(typeof(ContactUpdated))]
[JsonSerializable(typeof(MessageReceived))]
[JsonSerializable(typeof(MessageSent))]
[JsonSerializable(typeof(ChatbotTriggered))]
[JsonSerializable(typeof(WebhookTest))]
[JsonSerializable(typeof(DeliveryFailed))]
[JsonSerializable(typeof(WebhookDisabled))]
[JsonSerializable(typeof(WebhookRecovered))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
