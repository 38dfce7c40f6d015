using System.Text;
using Libromi.Connect.Testing;
using Libromi.Connect.Webhooks.Signing;
using Libromi.Connect.Webhooks.Verification;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>What goes on the wire for one event: the envelope, its signatures and the identifying headers.</summary>
public sealed class SignedDeliveryTests
{
    [Fact]
    public async Task A_subscribed_webhook_receives_the_event_envelope_signed_in_both_schemes()
    {
        await using var server = await TestServer.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var (webhookId, secret) = await client.CreateWebhookAsync(receiver.Url, "contact.created");

        var contact = await client.CreateContactAsync("Ada Lovelace", "+441234567890", new { plan = "gold" });
        var request = await receiver.NextAsync();

        Assert.Equal("POST", request.Method);
        Assert.Equal("/webhook", request.Path);
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.StartsWith("Libromi-Connect-Webhooks/", request.Header("User-Agent"), StringComparison.Ordinal);
        var envelope = request.Json;
        var eventId = envelope.Str("id");
        Assert.StartsWith("evt_", eventId, StringComparison.Ordinal);
        Assert.Equal("contact.created", envelope.Str("type"));
        Assert.Equal(contact.Str("id"), envelope.GetProperty("data").GetProperty("contact").Str("id"));
        Assert.Equal("gold", envelope.GetProperty("data").GetProperty("contact").GetProperty("attributes").Str("plan"));
        Assert.Equal(eventId, request.Header(WebhookHeaders.EventId));
        Assert.Equal(eventId, request.Header(WebhookHeaders.WebhookId));
        Assert.Equal("contact.created", request.Header(WebhookHeaders.EventType));
        Assert.Equal("1", request.Header(WebhookHeaders.DeliveryAttempt));

        // The body is exactly the stored event, byte for byte.
        using var raw = new HttpClient { BaseAddress = server.BaseAddress };
        raw.DefaultRequestHeaders.Authorization = new("Bearer", server.ApiKey);
        Assert.Equal(await raw.GetByteArrayAsync($"/api/v1/events/{eventId}"), request.Body);

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), request.Body));
        Assert.Equal(expected, request.Header(WebhookHeaders.Signature));
        new StandardWebhook(secret).Verify(request.BodyText, new HeaderDictionary
        {
            ["webhook-id"] = request.Header("webhook-id"),
            ["webhook-timestamp"] = request.Header("webhook-timestamp"),
            ["webhook-signature"] = request.Header("webhook-signature"),
        });
        var verified = new WebhookVerifier(new WebhookVerifierOptions { Secrets = [secret] }).Verify(request.Body, request.Headers);
        Assert.True(verified.IsValid, verified.Message);

        var delivery = await server.WaitForDeliveryAsync(client, await server.OnlyDeliveryIdAsync(client, webhookId), d => d.Str("status") == "succeeded");
        var attempt = Assert.Single(delivery.GetProperty("attempts").EnumerateArray());
        Assert.Equal(200, attempt.GetProperty("status_code").GetInt32());
        Assert.Equal("OK", attempt.Str("response_body"));
    }

    [Fact]
    public async Task Every_attempt_and_every_manual_resend_carries_the_same_event_id()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Delivery:RetrySchedule:0"] = "00:00:00.050" });
        await using var receiver = await TestReceiver.StartAsync();
        var calls = 0;
        receiver.Respond = _ => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? new ReceiverResponse(500) : ReceiverResponse.Ok);
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url, "contact.created");

        await client.CreateContactAsync("Grace", "+15550000001");
        var deliveryId = await server.OnlyDeliveryIdAsync(client, webhookId);
        await server.WaitForDeliveryAsync(client, deliveryId, d => d.Str("status") == "succeeded");
        await client.PostOkAsync($"deliveries/{deliveryId}/retry");
        var requests = await receiver.WaitForCountAsync(3);

        Assert.Single(requests.Select(r => r.Header(WebhookHeaders.EventId)).Distinct());
        Assert.Equal(["1", "2", "3"], requests.Select(r => r.Header(WebhookHeaders.DeliveryAttempt)));
        Assert.Single(requests.Select(r => r.BodyText).Distinct());
    }
}
