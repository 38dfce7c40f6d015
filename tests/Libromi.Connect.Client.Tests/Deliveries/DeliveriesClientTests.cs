using Libromi.Connect.Client.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Client.Tests.Deliveries;

public sealed class DeliveriesClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_failed_delivery_shows_every_attempt_and_a_manual_retry_delivers_it()
    {
        var client = await fixture.NewClientAsync();
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(new ReceiverResponse(503, Body: "maintenance"));
        var webhook = await client.Webhooks.CreateAsync(new() { Url = receiver.Url.ToString(), Events = ["contact.created"] });
        await client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "+441234567890" });

        var listed = await fixture.Server.WaitForDeliveriesAsync(() => client.Deliveries.ListAsync(webhook.Id, DeliveryStatus.Failed).ToListAsync().AsTask(), l => l.Count == 1);
        var failed = await client.Deliveries.GetAsync(listed[0].Id);

        Assert.Null(listed[0].Attempts);
        Assert.Equal(("contact.created", 4, 503), (failed.EventType, failed.AttemptCount, failed.LastStatusCode));
        Assert.Equal([1, 2, 3, 4], failed.Attempts!.Select(a => a.Attempt));
        Assert.All(failed.Attempts!, a => Assert.Equal((503, "http_status", "maintenance"), (a.StatusCode, a.ErrorKind, a.ResponseBody)));

        receiver.Respond = _ => Task.FromResult(ReceiverResponse.Ok);
        var retried = await client.Deliveries.RetryAsync(failed.Id);
        Assert.Equal(DeliveryStatus.Pending, retried.Status);
        var done = await fixture.Server.WaitForDeliveriesAsync(() => client.Deliveries.GetAsync(failed.Id), d => d.Status == DeliveryStatus.Succeeded);
        Assert.Equal((5, 200), (done.AttemptCount, done.Attempts![^1].StatusCode));
        Assert.Empty(await client.Deliveries.ListAsync(webhook.Id, DeliveryStatus.Failed).ToListAsync());
    }

    [Fact]
    public async Task Retrying_a_pending_delivery_is_a_409()
    {
        var client = await fixture.NewClientAsync();
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(ReceiverResponse.Hang);
        var webhook = await client.Webhooks.CreateAsync(new() { Url = receiver.Url.ToString(), Events = ["contact.created"] });
        await client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "+441234567890" });
        var pending = Assert.Single(await client.Deliveries.ListAsync(webhook.Id, DeliveryStatus.Pending).ToListAsync());

        var error = await Assert.ThrowsAsync<LibromiApiException>(() => client.Deliveries.RetryAsync(pending.Id));

        Assert.Equal(409, error.Status);
    }

    [Fact]
    public async Task The_deliveries_of_an_unknown_webhook_are_a_404()
    {
        var client = await fixture.NewClientAsync();

        var error = await Assert.ThrowsAsync<LibromiApiException>(async () => await client.Deliveries.ListAsync("whk_missing").ToListAsync());

        Assert.Equal(404, error.Status);
    }
}
