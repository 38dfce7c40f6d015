using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;

namespace Libromi.Connect.Webhooks.Events;

/// <summary>
/// Reads an event envelope from a raw request body. Never throws on bad input: every problem comes back as an error.
/// Verify the signature over the same bytes first; parsing says nothing about where a body came from.
/// </summary>
public static class WebhookEventParser
{
    private delegate WebhookEvent Factory(string id, string type, DateTimeOffset createdAt, JsonElement data);

    private static readonly FrozenDictionary<string, Factory> Known = new Dictionary<string, Factory>
    {
        [ContactCreated.EventType] = Typed<ContactCreated>,
        [ContactUpdated.EventType] = Typed<ContactUpdated>,
        [MessageReceived.EventType] = Typed<MessageReceived>,
        [MessageSent.EventType] = Typed<MessageSent>,
        [ChatbotTriggered.EventType] = Typed<ChatbotTriggered>,
        [WebhookTest.EventType] = Typed<WebhookTest>,
        [DeliveryFailed.EventType] = Typed<DeliveryFailed>,
        [WebhookDisabled.EventType] = Typed<WebhookDisabled>,
        [WebhookRecovered.EventType] = Typed<WebhookRecovered>,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Whether this library has a typed model for <paramref name="type"/>.</summary>
    /// <param name="type">An event type such as <c>message.received</c>.</param>
    /// <returns>True for the five event types, <c>webhook.test</c> and the three operational events.</returns>
    public static bool IsKnownType(string type) => Known.ContainsKey(type);

    /// <summary>Parses an envelope <c>{"id","type","created_at","data"}</c>.</summary>
    /// <param name="body">The raw UTF-8 request body.</param>
    /// <param name="webhookEvent">
    /// A <see cref="WebhookEvent{TData}"/> for known types, a plain <see cref="WebhookEvent"/> for others; null on failure.
    /// </param>
    /// <param name="error">Why the body was not accepted, safe to log; null on success.</param>
    /// <returns>True when the body is a well-formed envelope whose data matches its type's model.</returns>
    public static bool TryParse(ReadOnlySpan<byte> body, [NotNullWhen(true)] out WebhookEvent? webhookEvent, [NotNullWhen(false)] out string? error)
    {
        webhookEvent = null;
        if (!Utf8.IsValid(body))
        {
            error = "The body is not valid UTF-8.";
            return false;
        }

        try
        {
            return TryRead(body, out webhookEvent, out error);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string escape such as a lone "\ud800" that cannot become .NET text.
            webhookEvent = null;
            error = $"The body is not a valid event: {e.Message}";
            return false;
        }
    }

    private static bool TryRead(ReadOnlySpan<byte> body, [NotNullWhen(true)] out WebhookEvent? webhookEvent, [NotNullWhen(false)] out string? error)
    {
        webhookEvent = null;
        JsonElement root;
        try
        {
            var reader = new Utf8JsonReader(body);
            root = JsonElement.ParseValue(ref reader);
            if (reader.Read())
            {
                error = "The body holds more than one JSON value.";
                return false;
            }
        }
        catch (JsonException e)
        {
            error = $"The body is not valid JSON: {e.Message}";
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            error = $"The body must be a JSON object, not {root.ValueKind}.";
            return false;
        }

        if (!TryGetString(root, "id", out var id, out error) || !TryGetString(root, "type", out var type, out error))
        {
            return false;
        }

        if (!root.TryGetProperty("created_at", out var createdAtElement) || createdAtElement.ValueKind != JsonValueKind.String
            || !createdAtElement.TryGetDateTimeOffset(out var createdAt))
        {
            error = "'created_at' must be an ISO-8601 time.";
            return false;
        }

        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            error = "'data' must be a JSON object.";
            return false;
        }

        if (!Known.TryGetValue(type, out var factory))
        {
            webhookEvent = new WebhookEvent(id, type, createdAt, data);
            error = null;
            return true;
        }

        try
        {
            webhookEvent = factory(id, type, createdAt, data);
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            error = $"'data' does not match the {type} model: {e.Message}";
            return false;
        }
    }

    private static bool TryGetString(JsonElement root, string name, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? error)
    {
        if (root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } text)
        {
            value = text;
            error = null;
            return true;
        }

        value = null;
        error = $"'{name}' must be a non-empty string.";
        return false;
    }

    private static WebhookEvent<TData> Typed<TData>(string id, string type, DateTimeOffset createdAt, JsonElement data)
        where TData : IWebhookEventData =>
        new WebhookEvent<TData>(id, type, createdAt, data,
            (TData?)data.Deserialize(EventJsonContext.Default.GetTypeInfo(typeof(TData))!) ?? throw new JsonException("'data' is null."));
}
