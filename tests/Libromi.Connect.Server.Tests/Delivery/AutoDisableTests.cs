using Libromi.Connect.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>A webhook failing without a single success for Delivery:DisableAfter (5 days) is disabled; PATCH re-enables it.</summary>
public sealed class AutoDisableTests
{
    [Fact]
    public async Task A_webhook_failing_for_five_days_is_disabled_and_patch_enables_it_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(time: clock);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(new ReceiverResponse(500));
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url);

        await client.CreateContactAsync("Ada", "+15550000030");
        var deliveryId = await server.OnlyDeliveryIdAsync(client, webhookId);
        await server.WaitForDeliveryAsync(client, deliveryId, d => d.GetProperty("attempt_count").GetInt32() == 1);
        clock.Advance(TimeSpan.FromDays(4));
        await server.WaitForDeliveryAsync(client, deliveryId, d => d.GetProperty("attempt_count").GetInt32() == 2);
        Assert.True((await client.GetOkAsync($"webhooks/{webhookId}")).GetProperty("enabled").GetBoolean());

        clock.Advance(TimeSpan.FromDays(1.1));
        await server.WaitForDeliveryAsync(client, deliveryId, d => d.GetProperty("attempt_count").GetInt32() == 3);
        var disabled = await client.GetOkAsync($"webhooks/{webhookId}");
        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.Equal("failing", disabled.Str("disabled_reason"));

        var (_, enabled) = await client.SendJsonAsync(HttpMethod.Patch, $"webhooks/{webhookId}", new { enabled = true });
        Assert.True(enabled.GetProperty("enabled").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, enabled.GetProperty("disabled_reason").ValueKind);
    }

    [Fact]
    public async Task One_success_resets_the_failure_streak()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(time: clock);
        await using var receiver = await TestReceiver.StartAsync();
        var healthy = false;
        receiver.Respond = _ => Task.FromResult(Volatile.Read(ref healthy) ? ReceiverResponse.Ok : new ReceiverResponse(500));
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url, "contact.created");

        await client.CreateContactAsync("Ada", "+15550000031");
        await server.WaitForDeliveryAsync(client, await server.OnlyDeliveryIdAsync(client, webhookId), d => d.GetProperty("attempt_count").GetInt32() == 1);
        Volatile.Write(ref healthy, true);
        clock.Advance(TimeSpan.FromDays(3));
        await receiver.WaitForCountAsync(2);
        await server.WaitForDeliveryAsync(client, await server.OnlyDeliveryIdAsync(client, webhookId), d => d.Str("status") == "succeeded");

        Volatile.Write(ref healthy, false);
        clock.Advance(TimeSpan.FromDays(3));
        await client.CreateContactAsync("Bob", "+15550000032");
        await receiver.WaitForCountAsync(3);
        var failing = (await client.DeliveriesAsync(webhookId)).First(d => d.Str("status") != "succeeded").Str("id");
        await server.WaitForDeliveryAsync(client, failing, d => d.GetProperty("attempt_count").GetInt32() == 1);

        Assert.True((await client.GetOkAsync($"webhooks/{webhookId}")).GetProperty("enabled").GetBoolean());
    }
}
