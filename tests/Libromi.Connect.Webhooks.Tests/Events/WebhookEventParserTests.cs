using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Webhooks.Tests.Events;

public sealed class WebhookEventParserTests
{
    private const string Time = "2026-01-31T12:00:00.000Z";

    private static readonly JsonObject Contact = new()
    {
        ["id"] = "con_1", ["name"] = "Ada Lovelace", ["phone"] = "+441234567890", ["email"] = null,
        ["attributes"] = new JsonObject { ["plan"] = "gold" }, ["created_at"] = Time, ["updated_at"] = Time,
    };

    private static readonly JsonObject Message = new()
    {
        ["id"] = "msg_1", ["contact_id"] = "con_1", ["direction"] = "inbound", ["type"] = "text",
        ["content"] = "Hi, what are your opening hours?", ["status"] = "received", ["created_at"] = Time,
    };

    [Fact]
    public void A_message_received_body_parses_to_a_typed_event_with_contact_and_message()
    {
        Assert.True(WebhookEventParser.TryParse(Body("message.received", new JsonObject { ["contact"] = Contact.DeepClone(), ["message"] = Message.DeepClone() }), out var parsed, out var error), error);

        var typed = Assert.IsType<WebhookEvent<MessageReceived>>(parsed);
        Assert.Equal(("evt_1", "message.received"), (typed.Id, typed.Type));
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero), typed.CreatedAt);
        Assert.Equal("Ada Lovelace", typed.Data.Contact.Name);
        Assert.Null(typed.Data.Contact.Email);
        Assert.Equal("gold", typed.Data.Contact.Attributes.GetProperty("plan").GetString());
        Assert.Equal("Hi, what are your opening hours?", typed.Data.Message.Content);
        Assert.Equal("con_1", typed.Data.Message.ContactId);
        Assert.Equal("Ada Lovelace", typed.RawData.GetProperty("contact").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("contact.created", typeof(WebhookEvent<ContactCreated>))]
    [InlineData("contact.updated", typeof(WebhookEvent<ContactUpdated>))]
    [InlineData("message.received", typeof(WebhookEvent<MessageReceived>))]
    [InlineData("message.sent", typeof(WebhookEvent<MessageSent>))]
    [InlineData("chatbot.triggered", typeof(WebhookEvent<ChatbotTriggered>))]
    [InlineData("webhook.test", typeof(WebhookEvent<WebhookTest>))]
    public void Each_known_type_parses_to_its_own_model(string type, Type expected)
    {
        var data = new JsonObject
        {
            ["contact"] = Contact.DeepClone(),
            ["message"] = type == "webhook.test" ? "This is a test event from Libromi Connect." : Message.DeepClone(),
            ["changed_fields"] = new JsonArray("name"),
            ["previous"] = new JsonObject { ["name"] = "Ada" },
            ["chatbot"] = new JsonObject
            {
                ["id"] = "cbt_1", ["name"] = "Hours", ["keywords"] = new JsonArray("hours"), ["match"] = "contains",
                ["reply"] = "9 to 5", ["enabled"] = true, ["created_at"] = Time, ["updated_at"] = Time,
            },
            ["webhook"] = new JsonObject { ["id"] = "whk_1", ["url"] = "https://example.com/webhook" },
        };

        Assert.True(WebhookEventParser.TryParse(Body(type, data), out var parsed, out var error), error);

        Assert.IsType(expected, parsed);
        Assert.True(WebhookEventParser.IsKnownType(type));
    }

    [Fact]
    public void A_delivery_failed_body_parses_to_a_typed_event_naming_the_webhook_the_delivery_and_the_error()
    {
        var data = new JsonObject
        {
            ["webhook"] = new JsonObject { ["id"] = "whk_1", ["url"] = "https://example.com/webhook" },
            ["delivery"] = new JsonObject { ["id"] = "dlv_7", ["event_id"] = "evt_0", ["event_type"] = "contact.created", ["attempts"] = 4 },
            ["error"] = new JsonObject { ["status_code"] = 500, ["kind"] = "http_status", ["message"] = "HTTP 500" },
        };

        Assert.True(WebhookEventParser.TryParse(Body("delivery.failed", data), out var parsed, out var error), error);

        var typed = Assert.IsType<WebhookEvent<DeliveryFailed>>(parsed);
        Assert.Equal(new WebhookReference("whk_1", "https://example.com/webhook"), typed.Data.Webhook);
        Assert.Equal(new DeliveryReference("dlv_7", "evt_0", "contact.created", 4), typed.Data.Delivery);
        Assert.Equal(new DeliveryError(500, "http_status", "HTTP 500"), typed.Data.Error);
    }

    [Fact]
    public void Webhook_disabled_and_recovered_bodies_parse_typed_and_a_gone_webhook_may_have_no_failing_streak()
    {
        var webhook = new JsonObject { ["id"] = "whk_1", ["url"] = "https://example.com/webhook" };
        var delivery = new JsonObject { ["id"] = "dlv_7", ["event_id"] = "evt_0", ["event_type"] = "contact.created", ["attempts"] = 1 };
        var gone = new JsonObject
        {
            ["webhook"] = webhook.DeepClone(), ["reason"] = "gone", ["failing_since"] = null, ["delivery"] = delivery.DeepClone(),
            ["error"] = new JsonObject { ["status_code"] = 410, ["kind"] = "http_status", ["message"] = "HTTP 410 Gone" },
        };
        var recovered = new JsonObject { ["webhook"] = webhook.DeepClone(), ["failing_since"] = Time, ["delivery"] = delivery.DeepClone() };

        Assert.True(WebhookEventParser.TryParse(Body("webhook.disabled", gone), out var disabledEvent, out var error), error);
        Assert.True(WebhookEventParser.TryParse(Body("webhook.recovered", recovered), out var recoveredEvent, out error), error);

        var disabled = Assert.IsType<WebhookEvent<WebhookDisabled>>(disabledEvent).Data;
        Assert.Equal(("gone", null, 410), (disabled.Reason, disabled.FailingSince, disabled.Error.StatusCode));
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero), Assert.IsType<WebhookEvent<WebhookRecovered>>(recoveredEvent).Data.FailingSince);
        // A recovery always ends a streak, so its start is required.
        var endless = (JsonObject)recovered.DeepClone();
        endless["failing_since"] = null;
        Assert.False(WebhookEventParser.TryParse(Body("webhook.recovered", endless), out _, out error));
        Assert.Contains("webhook.recovered", error);
    }

    [Fact]
    public void An_unknown_type_parses_as_an_untyped_event_that_keeps_its_data()
    {
        Assert.True(WebhookEventParser.TryParse(Body("invoice.paid", new JsonObject { ["amount"] = 12.5 }), out var parsed, out _));

        Assert.Equal(typeof(WebhookEvent), parsed.GetType());
        Assert.Equal("invoice.paid", parsed.Type);
        Assert.Equal(12.5, parsed.RawData.GetProperty("amount").GetDouble());
    }

    [Fact]
    public void Fields_added_by_a_newer_server_are_ignored()
    {
        var contact = Contact.DeepClone().AsObject();
        contact["tags"] = new JsonArray("vip");

        Assert.True(WebhookEventParser.TryParse(Body("contact.created", new JsonObject { ["contact"] = contact, ["new_field"] = 1 }), out var parsed, out var error), error);
        Assert.Equal("con_1", Assert.IsType<WebhookEvent<ContactCreated>>(parsed).Data.Contact.Id);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"id\":\"evt_1\"} {}", "not valid JSON")]
    [InlineData("[1]", "must be a JSON object")]
    [InlineData("{\"id\":\"evt_\\ud800\",\"type\":\"x.y\",\"created_at\":\"2026-01-31T12:00:00.000Z\",\"data\":{}}", "not a valid event")]
    [InlineData("{\"type\":\"contact.created\",\"created_at\":\"2026-01-31T12:00:00.000Z\",\"data\":{}}", "'id'")]
    [InlineData("{\"id\":\"evt_1\",\"type\":7,\"created_at\":\"2026-01-31T12:00:00.000Z\",\"data\":{}}", "'type'")]
    [InlineData("{\"id\":\"evt_1\",\"type\":\"x.y\",\"created_at\":\"yesterday\",\"data\":{}}", "'created_at'")]
    [InlineData("{\"id\":\"evt_1\",\"type\":\"x.y\",\"created_at\":\"2026-01-31T12:00:00.000Z\",\"data\":[]}", "'data'")]
    [InlineData("{\"id\":\"evt_1\",\"type\":\"contact.created\",\"created_at\":\"2026-01-31T12:00:00.000Z\",\"data\":{}}", "contact.created")]
    [InlineData("{\"id\":\"evt_1\",\"type\":\"contact.created\",\"created_at\":\"2026-01-31T12:00:00.000Z\",\"data\":{\"contact\":{\"id\":\"con_1\",\"name\":null,\"phone\":\"+1\",\"email\":null,\"attributes\":{},\"created_at\":\"2026-01-31T12:00:00.000Z\",\"updated_at\":\"2026-01-31T12:00:00.000Z\"}}}", "contact.created")]
    public void A_malformed_body_fails_with_an_explanation(string body, string mentioned)
    {
        Assert.False(WebhookEventParser.TryParse(Encoding.UTF8.GetBytes(body), out var parsed, out var error));

        Assert.Null(parsed);
        Assert.Contains(mentioned, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_that_is_not_utf8_fails_with_an_explanation()
    {
        var body = Body("contact.created", new JsonObject { ["contact"] = Contact.DeepClone() });
        body[Array.IndexOf(body, (byte)'A')] = 0x81;

        Assert.False(WebhookEventParser.TryParse(body, out _, out var error));
        Assert.Contains("UTF-8", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_never_make_the_parser_throw()
    {
        Check.Sample(Gen.Byte.Array[0, 300], body =>
        {
            var ok = WebhookEventParser.TryParse(body, out var parsed, out var error);
            return ok ? parsed is not null && error is null : parsed is null && error is not null;
        }, iter: 20_000);
    }

    [Fact]
    public void Mutating_any_byte_of_a_valid_body_never_makes_the_parser_throw()
    {
        var valid = Body("chatbot.triggered", new JsonObject
        {
            ["chatbot"] = new JsonObject { ["id"] = "cbt_1", ["name"] = "Hours", ["keywords"] = new JsonArray("hours"), ["match"] = "contains", ["reply"] = "9 to 5", ["enabled"] = true, ["created_at"] = Time, ["updated_at"] = Time },
            ["contact"] = Contact.DeepClone(),
            ["message"] = Message.DeepClone(),
        });
        var gen = Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte, Gen.Int[0, 2]);

        Check.Sample(gen, change =>
        {
            var (at, value, kind) = change;
            var body = kind switch
            {
                0 => Replace(valid, at, value),
                1 => valid[..at],
                _ => [.. valid[..at], value, .. valid[at..]],
            };
            var ok = WebhookEventParser.TryParse(body, out var parsed, out var error);
            return ok ? parsed is not null && error is null : parsed is null && error is not null;
        }, iter: 20_000);
    }

    private static byte[] Replace(byte[] body, int at, byte value)
    {
        var copy = (byte[])body.Clone();
        copy[at] = value;
        return copy;
    }

    private static byte[] Body(string type, JsonObject data) =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["id"] = "evt_1", ["type"] = type, ["created_at"] = Time, ["data"] = data });
}
