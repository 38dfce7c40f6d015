using System.Text;
using System.Text.Json;
using Libromi.Connect.Testing;
using Libromi.Connect.Webhooks.Events;
using Libromi.Connect.Webhooks.Json;

namespace Libromi.Connect.Webhooks.Tests.Events;

public sealed class WebhookEventSerializerTests
{
    // Sub-millisecond ticks, to show that times are cut to the millisecond as Date.toISOString() writes them.
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 1, 31, 12, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567);

    private static readonly Contact Ada = new("con_1", "Ada \u2028 Lovelace 😀", "+441234567890", null,
        JsonElement.Parse("""{"plan":"gold","2":1e21,"1":[0.1,-0,1E2],"nested":{"é":"<>&'\""}}"""), At, At);

    private static readonly Message Hello = new("msg_1", "con_1", "inbound", "text", "Hi \u0001 there", "received", At);

    private static readonly Chatbot Hours = new("cbt_1", "Opening hours", ["hours", "open"], "contains", "We are open 9 to 5.", true, At, At);

    [Fact]
    public void An_event_is_written_with_the_envelope_and_the_models_fields_in_order_and_a_null_email_as_null()
    {
        var body = WebhookEventSerializer.SerializeToUtf8Bytes("evt_1", At, new ContactCreated(Ada with { Attributes = JsonElement.Parse("{}"), Name = "Ada" }));

        Assert.Equal(
            """{"id":"evt_1","type":"contact.created","created_at":"2026-01-31T10:00:00.123Z","data":{"contact":{"id":"con_1","name":"Ada","phone":"+441234567890","email":null,"attributes":{},"created_at":"2026-01-31T10:00:00.123Z","updated_at":"2026-01-31T10:00:00.123Z"}}}""",
            Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task Every_event_type_is_written_as_JSON_stringify_writes_it_back()
    {
        var bodies = Samples().Select(s => s.Body).ToList();

        var node = await NodeJson.RestringifyAsync(bodies);

        for (var i = 0; i < bodies.Count; i++)
        {
            Assert.Equal(Encoding.UTF8.GetString(bodies[i]), node[i] is { } restringified ? Encoding.UTF8.GetString(restringified) : "(node could not parse it)");
        }
    }

    [Fact]
    public void Every_event_type_parses_back_to_the_data_it_was_written_from()
    {
        foreach (var (data, body) in Samples())
        {
            Assert.True(WebhookEventParser.TryParse(body, out var parsed, out var error), error);
            Assert.Equal(("evt_1", At.AddTicks(-4567)), (parsed.Id, parsed.CreatedAt));
            // Back to bytes, because records holding a JsonElement do not compare by value.
            Assert.Equal(body, Rewrite(parsed));
            var dataNode = WebhookEventSerializer.SerializeDataToNode((IWebhookEventData)data);
            Assert.Equal(Encoding.UTF8.GetString(JavaScriptJson.SerializeToUtf8Bytes(dataNode)), parsed.RawData.GetRawText());
        }
    }

    [Fact]
    public void Data_of_a_type_of_its_own_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => WebhookEventSerializer.SerializeDataToNode(new OwnData("x")));

        Assert.Equal("data", error.ParamName);
    }

    private static IEnumerable<(object Data, byte[] Body)> Samples()
    {
        yield return Sample(new ContactCreated(Ada));
        yield return Sample(new ContactUpdated(Ada, ["name", "email"], JsonElement.Parse("""{"name":"Ada","email":null}""")));
        yield return Sample(new MessageReceived(Ada, Hello));
        yield return Sample(new MessageSent(Ada, Hello with { Direction = "outbound", Status = "sent" }));
        yield return Sample(new ChatbotTriggered(Hours, Ada, Hello));
        yield return Sample(new WebhookTest(new WebhookReference("whk_1", "https://example.com/webhook"), "This is a test event."));
        var webhook = new WebhookReference("whk_1", "https://example.com/webhook?a=1&b=\u00e9");
        var delivery = new DeliveryReference("dlv_7", "evt_0", "message.received", 4);
        var error = new DeliveryError(null, "timeout", "No answer within 30 s \u2028 \"quoted\"");
        yield return Sample(new DeliveryFailed(webhook, delivery, error));
        yield return Sample(new WebhookDisabled(webhook, "failing", At, delivery, error with { StatusCode = 500 }));
        yield return Sample(new WebhookDisabled(webhook, "gone", null, delivery, error with { StatusCode = 410 }));
        yield return Sample(new WebhookRecovered(webhook, At, delivery));
    }

    private static (object, byte[]) Sample<TData>(TData data)
        where TData : IWebhookEventData =>
        (data, WebhookEventSerializer.SerializeToUtf8Bytes("evt_1", At, data));

    private static byte[] Rewrite(WebhookEvent parsed) => parsed switch
    {
        WebhookEvent<ContactCreated> e => WebhookEventSerializer.SerializeToUtf8Bytes(e.Id, e.CreatedAt, e.Data),
        WebhookEvent<ContactUpdated> e => WebhookEventSerializer.SerializeToUtf8Bytes(e.Id, e.CreatedAt, e.Data),
        WebhookEvent<MessageReceived> e => WebhookEventSerializer.SerializeToUtf8Bytes(e.Id, e.CreatedAt, e.Data),
        WebhookEvent<MessageSent> e => WebhookEventSerializer.SerializeToUtf8Bytes(e.Id, e.CreatedAt, e.Data),
        WebhookEvent<ChatbotTriggered> e => WebhookEventSerializer.SerializeToUtf8Bytes(e.Id, e.CreatedAt, e.Data),
        WebhookEvent<WebhookTest> e => WebhookEventSerializer.SerializeToUtf8Bytes(e.Id, e.CreatedAt, e.Data),
        WebhookEvent<DeliveryFailed> e => WebhookEventSerializer.SerializeToUtf8Bytes(e.Id, e.CreatedAt, e.Data),
        WebhookEvent<WebhookDisabled> e => WebhookEventSerializer.SerializeToUtf8Bytes(e.Id, e.CreatedAt, e.Data),
        WebhookEvent<WebhookRecovered> e => WebhookEventSerializer.SerializeToUtf8Bytes(e.Id, e.CreatedAt, e.Data),
        _ => throw new InvalidOperationException($"{parsed.Type} parsed without its typed data."),
    };

    private sealed record OwnData(string Note) : IWebhookEventData
    {
        public static string EventType => "own.data";
    }
}
