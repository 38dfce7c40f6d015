using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>The server announces committed delivery changes in process, for whoever follows them without asking the store again and again.</summary>
public sealed class DeliveryChangesTests
{
    [Fact]
    public async Task A_wait_taken_before_a_change_completes_with_it_and_one_taken_after_waits_for_the_next()
    {
        var changes = new DeliveryChanges();
        var before = changes.Next();

        changes.Publish();
        var after = changes.Next();

        await before.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(after.IsCompleted);
        changes.Publish();
        await after.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task An_event_fanned_out_to_a_webhook_is_announced_by_the_time_the_api_answers_and_one_without_subscribers_is_not()
    {
        // A node without the delivery engine: nothing but the fan-out itself can announce a change.
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Node:Roles"] = "api" });
        using var client = server.CreateClient();
        var changes = server.Services.GetRequiredService<DeliveryChanges>();
        await client.CreateWebhookAsync(new Uri("https://example.com/webhook"), "contact.created");

        var unsubscribed = changes.Next();
        await client.SendJsonAsync(HttpMethod.Post, "chatbots", new { name = "Hours", keywords = new[] { "hours" }, reply = "9 to 5" });
        Assert.False(unsubscribed.IsCompleted);
        await client.CreateContactAsync("Ada", "+15550000070");

        Assert.True(unsubscribed.IsCompleted);
    }

    [Fact]
    public async Task A_recorded_outcome_is_announced_after_it_is_committed()
    {
        var answer = new TaskCompletionSource();
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(new ReceiverResponse(200, Until: answer.Task));
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateClient();
        var changes = server.Services.GetRequiredService<DeliveryChanges>();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url, "contact.created");
        await client.CreateContactAsync("Ada", "+15550000071");
        await receiver.NextAsync();
        var deliveryId = Assert.Single(await client.DeliveriesAsync(webhookId)).Str("id");

        var recorded = changes.Next();
        answer.SetResult();
        await recorded.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("succeeded", (await client.GetOkAsync($"deliveries/{deliveryId}")).Str("status"));
    }
}
