using System.Globalization;
using System.Net;
using System.Text.Json;
using Libromi.Connect.Testing;
using Libromi.Connect.Webhooks.Events;
using Libromi.Connect.Webhooks.Signing;
using Libromi.Connect.Webhooks.Verification;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Webhooks.Tests.AspNetCore;

/// <summary>The receiver against real deliveries from a real Libromi Connect server.</summary>
public sealed class ReceiverDeliveryTests
{
    [Fact]
    public async Task Every_event_type_reaches_its_typed_handler_with_the_data_the_api_returned()
    {
        var handled = new HandledEvents();
        await using var live = await LiveWebhook.StartAsync(options => options
            .On<ContactCreated>((e, _) => handled.Record(e))
            .On<ContactUpdated>((e, _) => handled.Record(e))
            .On<MessageReceived>((e, _) => handled.Record(e))
            .On<MessageSent>((e, _) => handled.Record(e))
            .On<ChatbotTriggered>((e, _) => handled.Record(e))
            .On<WebhookTest>((e, _) => handled.Record(e)));

        var contact = await live.Api.PostOkAsync("contacts", new { name = "Ada Lovelace", phone = "+441234567890", email = "ada@example.com", attributes = new { plan = "gold", seats = 3 } });
        await handled.WaitForCountAsync(1);
        var (_, updated) = await live.Api.SendJsonAsync(HttpMethod.Patch, $"contacts/{contact.Str("id")}", new { name = "Ada King" });
        await handled.WaitForCountAsync(2);
        var chatbot = await live.Api.PostOkAsync("chatbots", new { name = "Hours", keywords = new[] { "hours" }, reply = "We are open 9 to 5." });
        var inbound = await live.Api.PostOkAsync("inbound/messages", new { from = "+441234567890", content = "What are your hours?" });
        await handled.WaitForCountAsync(5);
        var ping = await live.Api.PostOkAsync($"webhooks/{live.WebhookId}/test");
        var all = await handled.WaitForCountAsync(6);

        var created = Assert.IsType<WebhookEvent<ContactCreated>>(all[0]);
        Assert.Equal("contact.created", created.Type);
        Assert.StartsWith("evt_", created.Id, StringComparison.Ordinal);
        Assert.Equal(contact.Str("id"), created.Data.Contact.Id);
        Assert.Equal("Ada Lovelace", created.Data.Contact.Name);
        Assert.Equal("+441234567890", created.Data.Contact.Phone);
        Assert.Equal("ada@example.com", created.Data.Contact.Email);
        Assert.Equal("gold", created.Data.Contact.Attributes.GetProperty("plan").GetString());
        Assert.Equal(3, created.Data.Contact.Attributes.GetProperty("seats").GetInt32());
        Assert.Equal(contact.GetProperty("created_at").GetDateTimeOffset(), created.Data.Contact.CreatedAt);

        var changed = Assert.IsType<WebhookEvent<ContactUpdated>>(all[1]);
        Assert.Equal("Ada King", changed.Data.Contact.Name);
        Assert.Equal(["name"], changed.Data.ChangedFields);
        Assert.Equal("Ada Lovelace", changed.Data.Previous.GetProperty("name").GetString());
        Assert.Equal(updated.GetProperty("updated_at").GetDateTimeOffset(), changed.Data.Contact.UpdatedAt);

        var received = Assert.IsType<WebhookEvent<MessageReceived>>(Assert.Single(all, e => e.Type == "message.received"));
        Assert.Equal(inbound.Str("id"), received.Data.Message.Id);
        Assert.Equal("What are your hours?", received.Data.Message.Content);
        Assert.Equal(("inbound", "received", "text"), (received.Data.Message.Direction, received.Data.Message.Status, received.Data.Message.Type));
        Assert.Equal(contact.Str("id"), received.Data.Message.ContactId);
        Assert.Equal("Ada King", received.Data.Contact.Name);

        var triggered = Assert.IsType<WebhookEvent<ChatbotTriggered>>(Assert.Single(all, e => e.Type == "chatbot.triggered"));
        Assert.Equal(chatbot.Str("id"), triggered.Data.Chatbot.Id);
        Assert.Equal(["hours"], triggered.Data.Chatbot.Keywords);
        Assert.Equal("contains", triggered.Data.Chatbot.Match);
        Assert.True(triggered.Data.Chatbot.Enabled);
        Assert.Equal(inbound.Str("id"), triggered.Data.Message.Id);

        var sent = Assert.IsType<WebhookEvent<MessageSent>>(Assert.Single(all, e => e.Type == "message.sent"));
        Assert.Equal("We are open 9 to 5.", sent.Data.Message.Content);
        Assert.Equal("outbound", sent.Data.Message.Direction);
        Assert.Equal(contact.Str("id"), sent.Data.Contact.Id);

        var test = Assert.IsType<WebhookEvent<WebhookTest>>(all[5]);
        Assert.Equal(ping.Str("event_id"), test.Id);
        Assert.Equal(live.WebhookId, test.Data.Webhook.Id);
        Assert.Equal(live.Receiver.Url.ToString(), test.Data.Webhook.Url);
        Assert.Equal(6, all.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_delivery_signed_with_another_secret_is_answered_401_and_never_reaches_the_handler()
    {
        var handled = new HandledEvents();
        await using var live = await LiveWebhook.StartAsync(options =>
        {
            options.Secrets = [WebhookSecret.Generate()];
            options.On<ContactCreated>((e, _) => handled.Record(e));
        });

        await live.Api.PostOkAsync("contacts", new { name = "Ada", phone = "+441234567890" });

        var deliveries = await live.WaitForDeliveriesAsync(d => d.Count == 1 && d[0].GetProperty("last_status_code").ValueKind == JsonValueKind.Number);
        Assert.Equal(401, deliveries[0].GetProperty("last_status_code").GetInt32());
        var attempt = (await live.Api.GetOkAsync($"deliveries/{deliveries[0].Str("id")}")).GetProperty("attempts")[0];
        Assert.Contains("matches a configured secret", attempt.Str("response_body"), StringComparison.Ordinal);
        Assert.Contains("application/problem+json", attempt.GetProperty("response_headers").Str("content-type"), StringComparison.Ordinal);
        Assert.Empty(handled.All);
    }

    [Fact]
    public async Task A_redelivered_event_is_acknowledged_but_its_handler_runs_once()
    {
        var handled = new HandledEvents();
        await using var live = await LiveWebhook.StartAsync(options => options.On<ContactCreated>((e, _) => handled.Record(e)));
        await live.Api.PostOkAsync("contacts", new { name = "Ada", phone = "+441234567890" });
        await handled.WaitForCountAsync(1);
        var first = await live.WaitForDeliveriesAsync(d => d.Count == 1 && d[0].Str("status") == "succeeded");

        await live.Api.PostOkAsync($"deliveries/{first[0].Str("id")}/retry");

        var again = await live.WaitForDeliveriesAsync(d => d[0].GetProperty("attempt_count").GetInt32() == 2 && d[0].Str("status") == "succeeded");
        Assert.Equal(200, again[0].GetProperty("last_status_code").GetInt32());
        var attempts = (await live.Api.GetOkAsync($"deliveries/{first[0].Str("id")}")).GetProperty("attempts");
        Assert.Equal(2, attempts.GetArrayLength());
        Assert.Single(handled.All);
        Assert.Contains(live.Receiver.Logs.Lines, line => line.Contains("already accepted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_captured_delivery_replayed_after_the_tolerance_is_answered_401_although_its_libromi_signature_is_valid()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var handled = new HandledEvents();
        await using var live = await LiveWebhook.StartAsync(options => options.On<ContactCreated>((e, _) => handled.Record(e)), events: ["contact.created"], receiverTime: time);
        await live.Api.PostOkAsync("contacts", new { name = "Ada", phone = "+441234567890" });
        await handled.WaitForCountAsync(1);
        var captured = Assert.Single(live.Receiver.Received);
        Assert.All([WebhookHeaders.Signature, WebhookHeaders.WebhookId, WebhookHeaders.WebhookTimestamp, WebhookHeaders.WebhookSignature], name => Assert.Contains(name, captured.Headers.Keys));
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(captured.Header(WebhookHeaders.WebhookTimestamp), CultureInfo.InvariantCulture));

        time.SetUtcNow(sentAt + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        using var replay = await live.Receiver.ReplayAsync(captured);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Contains(WebhookHeaders.WebhookTimestamp, await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(live.Receiver.Logs.Lines, line => line.Contains(nameof(WebhookVerificationFailure.TimestampTooOld), StringComparison.Ordinal));
        Assert.Single(handled.All);
    }

    [Fact]
    public async Task By_default_a_captured_delivery_stripped_of_its_standard_headers_is_answered_401()
    {
        var handled = new HandledEvents();
        await using var live = await LiveWebhook.StartAsync(options => options.On<ContactCreated>((e, _) => handled.Record(e)), events: ["contact.created"]);
        await live.Api.PostOkAsync("contacts", new { name = "Ada", phone = "+441234567890" });
        await handled.WaitForCountAsync(1);
        var captured = Assert.Single(live.Receiver.Received);

        using var stripped = await live.Receiver.ReplayAsync(captured, WebhookHeaders.WebhookId, WebhookHeaders.WebhookTimestamp, WebhookHeaders.WebhookSignature);

        Assert.Equal(HttpStatusCode.Unauthorized, stripped.StatusCode);
        Assert.Contains(WebhookHeaders.Signature, await stripped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(handled.All);
    }

    [Fact]
    public async Task A_throwing_handler_is_retried_in_the_background_with_growing_pauses_until_it_succeeds()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var attempts = new List<DateTimeOffset>();
        var handled = new HandledEvents();
        await using var live = await LiveWebhook.StartAsync(options =>
        {
            options.FirstRetryDelay = TimeSpan.FromSeconds(1);
            options.On<ContactCreated>(async (e, _) =>
            {
                lock (attempts)
                {
                    attempts.Add(time.GetUtcNow());
                    if (attempts.Count < 3)
                    {
                        throw new InvalidOperationException($"Failure number {attempts.Count}");
                    }
                }

                await handled.Record(e);
            });
        }, receiverTime: time);

        await live.Api.PostOkAsync("contacts", new { name = "Ada", phone = "+441234567890" });
        var delivered = await live.WaitForDeliveriesAsync(d => d.Count == 1 && d[0].Str("status") == "succeeded");
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while (handled.All.Count == 0)
            {
                await Task.Delay(10, deadline.Token);
                time.Advance(TimeSpan.FromMilliseconds(100));
            }
        }

        Assert.Single(handled.All);
        Assert.Equal(3, attempts.Count);
        Assert.InRange(attempts[1] - attempts[0], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5));
        Assert.InRange(attempts[2] - attempts[1], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.5));
        Assert.Equal(1, delivered[0].GetProperty("attempt_count").GetInt32());
        Assert.Equal(2, live.Receiver.Logs.Lines.Count(line => line.Contains("Failure number", StringComparison.Ordinal)));
        Assert.DoesNotContain(live.Receiver.Logs.Lines, line => line.Contains(live.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_full_queue_answers_503_with_retry_after_and_the_event_is_handled_once_after_the_server_retries()
    {
        var handled = new HandledEvents();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var live = await LiveWebhook.StartAsync(options =>
        {
            options.QueueCapacity = 1;
            options.MaxConcurrency = 1;
            options.RetryAfter = TimeSpan.FromSeconds(1);
            options.On<ContactCreated>(async (e, ct) =>
            {
                await gate.Task.WaitAsync(ct);
                await handled.Record(e);
            });
        }, events: ["contact.created"]);

        for (var i = 0; i < 3; i++)
        {
            await live.Api.PostOkAsync("contacts", new { name = $"Contact {i}", phone = $"+44123456789{i}" });
        }

        var busy = await live.WaitForDeliveriesAsync(d => d.Any(x => x.TryGetProperty("last_status_code", out var code) && code.ValueKind == JsonValueKind.Number && code.GetInt32() == 503));
        var rejected = busy.First(x => x.GetProperty("last_status_code").ValueKind == JsonValueKind.Number && x.GetProperty("last_status_code").GetInt32() == 503);
        var attempt = (await live.Api.GetOkAsync($"deliveries/{rejected.Str("id")}")).GetProperty("attempts")[0];
        Assert.Equal("1", attempt.GetProperty("response_headers").Str("retry-after"));
        Assert.Empty(handled.All);

        gate.SetResult();

        var all = await handled.WaitForCountAsync(3);
        await live.WaitForDeliveriesAsync(d => d.Count == 3 && d.All(x => x.Str("status") == "succeeded"));
        Assert.Equal(3, all.Select(e => ((WebhookEvent<ContactCreated>)e).Data.Contact.Name).Distinct().Count());
        Assert.Equal(3, handled.All.Count);
    }
}
