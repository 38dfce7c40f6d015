using System.Net;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>Retrying one delivery, recovering a webhook's failures, and pinging an endpoint.</summary>
public sealed class ManualDeliveryTests
{
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Delivery:RetrySchedule:0"] = "00:00:00.010",
        ["Delivery:RetrySchedule:1"] = "00:00:00.010",
        ["Delivery:RetrySchedule:2"] = "00:00:00.010",
    };

    [Fact]
    public async Task A_failed_delivery_retried_by_hand_is_attempted_once_more_and_can_succeed()
    {
        await using var server = await TestServer.StartAsync(FastRetries);
        await using var receiver = await TestReceiver.StartAsync();
        var healthy = false;
        receiver.Respond = _ => Task.FromResult(Volatile.Read(ref healthy) ? ReceiverResponse.Ok : new ReceiverResponse(500));
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url);
        await client.CreateContactAsync("Ada", "+15550000040");
        var deliveryId = await server.OnlyDeliveryIdAsync(client, webhookId);
        await server.WaitForDeliveryAsync(client, deliveryId, d => d.Str("status") == "failed");

        Volatile.Write(ref healthy, true);
        var (status, queued) = await client.SendJsonAsync(HttpMethod.Post, $"deliveries/{deliveryId}/retry");
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("pending", queued.Str("status"));
        var delivery = await server.WaitForDeliveryAsync(client, deliveryId, d => d.Str("status") == "succeeded");

        Assert.Equal(5, delivery.GetProperty("attempt_count").GetInt32());
        Assert.Equal(5, receiver.Received.Count);
    }

    [Fact]
    public async Task A_manual_retry_that_fails_again_ends_failed_after_that_one_attempt()
    {
        await using var server = await TestServer.StartAsync(FastRetries);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(new ReceiverResponse(500));
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url);
        await client.CreateContactAsync("Ada", "+15550000041");
        var deliveryId = await server.OnlyDeliveryIdAsync(client, webhookId);
        await server.WaitForDeliveryAsync(client, deliveryId, d => d.Str("status") == "failed");

        await client.PostOkAsync($"deliveries/{deliveryId}/retry");
        var delivery = await server.WaitForDeliveryAsync(client, deliveryId, d => d.Str("status") == "failed" && d.GetProperty("attempt_count").GetInt32() == 5);

        Assert.Equal(5, delivery.GetProperty("attempts").GetArrayLength());
    }

    [Fact]
    public async Task Recover_requeues_the_failed_deliveries_created_since_the_given_time()
    {
        await using var server = await TestServer.StartAsync(FastRetries);
        await using var receiver = await TestReceiver.StartAsync();
        var healthy = false;
        receiver.Respond = _ => Task.FromResult(Volatile.Read(ref healthy) ? ReceiverResponse.Ok : new ReceiverResponse(503));
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url, "contact.created");
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await client.CreateContactAsync("Ada", "+15550000042");
        await client.CreateContactAsync("Bob", "+15550000043");
        var ids = (await client.DeliveriesAsync(webhookId)).Select(d => d.Str("id")).ToArray();
        foreach (var id in ids)
        {
            await server.WaitForDeliveryAsync(client, id, d => d.Str("status") == "failed");
        }

        var none = await client.PostOkAsync($"webhooks/{webhookId}/recover", new { since = DateTimeOffset.UtcNow.AddMinutes(1) });
        Assert.Equal(0, none.GetProperty("recovered").GetInt32());
        Volatile.Write(ref healthy, true);
        var recovered = await client.PostOkAsync($"webhooks/{webhookId}/recover", new { since });

        Assert.Equal(2, recovered.GetProperty("recovered").GetInt32());
        foreach (var id in ids)
        {
            await server.WaitForDeliveryAsync(client, id, d => d.Str("status") == "succeeded");
        }
    }

    [Fact]
    public async Task Recover_without_since_is_a_validation_error()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(new Uri("http://127.0.0.1:9/webhook"));

        var (status, problem) = await client.SendJsonAsync(HttpMethod.Post, $"webhooks/{webhookId}/recover", new { });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("since", out _));
    }

    [Fact]
    public async Task A_test_ping_reaches_that_endpoint_alone_whatever_it_subscribes_to()
    {
        await using var server = await TestServer.StartAsync();
        await using var pinged = await TestReceiver.StartAsync();
        await using var other = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(pinged.Url, "message.sent");
        await client.CreateWebhookAsync(other.Url, "*");

        var (status, ping) = await client.SendJsonAsync(HttpMethod.Post, $"webhooks/{webhookId}/test");
        var request = await pinged.NextAsync();

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("webhook.test", request.Json.Str("type"));
        Assert.Equal(ping.Str("event_id"), request.Json.Str("id"));
        Assert.Equal(webhookId, request.Json.GetProperty("data").GetProperty("webhook").Str("id"));
        await server.WaitForDeliveryAsync(client, ping.Str("delivery_id"), d => d.Str("status") == "succeeded");
        Assert.Empty(other.Received);
    }
}
