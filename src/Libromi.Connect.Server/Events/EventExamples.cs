using System.Text.Json;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Server.Events;

/// <summary>The catalog's example of each event's data: instances of the records real events are written from.</summary>
internal static class EventExamples
{
    private static readonly DateTimeOffset At = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    private static readonly Contact Ada = new(
        "con_01JD7Q8T5V3K2M4N6P8R0S2T4V", "Ada Lovelace", "+447700900123", "ada@example.com",
        JsonElement.Parse("""{"plan":"gold"}"""), At, At)
    {
        PhoneFormatted = "+44 7700 900123",
    };

    private static readonly Message Question = new(
        "msg_01JD7Q8T5V3K2M4N6P8R0S2T4V", Ada.Id, "inbound", "text", "Hi, what are your opening hours?", "received", At);

    public static ContactCreated ContactCreated { get; } = new(Ada);

    public static ContactUpdated ContactUpdated { get; } = new(Ada, ["name"], JsonElement.Parse("""{"name":"Ada"}"""));

    public static MessageReceived MessageReceived { get; } = new(Ada, Question);

    public static MessageSent MessageSent { get; } = new(Ada, Question with { Direction = "outbound", Content = "We are open 9 to 5.", Status = "sent" });

    public static ChatbotTriggered ChatbotTriggered { get; } = new(
        new Chatbot("cbt_01JD7Q8T5V3K2M4N6P8R0S2T4V", "Opening hours", ["hours", "open"], "contains", "We are open 9 to 5.", true, At, At),
        Ada,
        Question);

    public static WebhookTest WebhookTest { get; } = EventCatalog.TestPing("whk_01JD7Q8T5V3K2M4N6P8R0S2T4V", "https://example.com/webhook");

    private static readonly WebhookReference Failing = new("whk_01JD7Q8T5V3K2M4N6P8R0S2T4W", "https://crm.example.com/hooks/libromi");

    private static readonly DeliveryReference Attempted = new("dlv_1042", "evt_01JD7Q8T5V3K2M4N6P8R0S2T4V", WebhookEventTypes.MessageReceived, 6);

    private static readonly DeliveryError ServerError = new(500, "http_status", "HTTP 500 Internal Server Error");

    public static DeliveryFailed DeliveryFailed { get; } = new(Failing, Attempted, ServerError);

    public static WebhookDisabled WebhookDisabled { get; } = new(Failing, "failing", At.AddDays(-5), Attempted, ServerError);

    public static WebhookRecovered WebhookRecovered { get; } = new(Failing, At.AddMinutes(-35), Attempted with { Attempts = 4 });
}
