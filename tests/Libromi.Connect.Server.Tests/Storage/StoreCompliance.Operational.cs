using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Events;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Webhooks;

namespace Libromi.Connect.Server.Tests.Storage;

public abstract partial class StoreCompliance
{
    [SkippableFact]
    public async Task A_final_failure_writes_its_delivery_failed_and_fan_out_with_the_outcome_and_a_stale_one_writes_nothing()
    {
        var (account, failing) = await CreateWebhookAsync();
        var monitor = await CreateMonitorAsync(account);
        await AppendEventsAsync(account, 1);
        var first = Assert.Single(await Queue().LeaseAsync(10, [], CancellationToken.None));
        await Recorder().WriteAsync([Failed(first)], CancellationToken.None);
        Assert.Equal(1, await CountEventsAsync(account));

        Time.Advance(TimeSpan.FromSeconds(5));
        var stale = Assert.Single(await Queue().LeaseAsync(10, [], CancellationToken.None));
        Time.Advance(LeaseLength);
        var current = Assert.Single(await Queue().LeaseAsync(10, [], CancellationToken.None));
        await Recorder().WriteAsync([Failed(stale)], CancellationToken.None);
        Assert.Equal(1, await CountEventsAsync(account));

        await Recorder().WriteAsync([Failed(current)], CancellationToken.None);
        Assert.Equal("failed", (await FindDeliveryAsync(account, current.Id)).Status);
        Assert.Equal(2, await CountEventsAsync(account));
        await using var session = await Database.OpenSessionAsync(CancellationToken.None);
        var queued = await DeliveryStore.ListAsync(session, account, monitor, null, 10, null, CancellationToken.None);
        Assert.Equal(EventCatalog.DeliveryFailed, Assert.Single(queued.Data).EventType);
        var own = await DeliveryStore.ListAsync(session, account, failing, null, 10, null, CancellationToken.None);
        Assert.Equal(["contact.created"], own.Data.Select(d => d.EventType));
    }

    private async Task<string> CreateMonitorAsync(string account)
    {
        var now = Time.GetUtcNow();
        var webhook = new Webhook(Ids.New("wh"), "https://example.com/monitor", [EventCatalog.DeliveryFailed], null, true, null, "none", null, null, null, null, "hmac",
            null, null, "whsec_" + Convert.ToBase64String(new byte[24]), null, now, now);
        await using var scope = await Database.BeginWriteAsync(CancellationToken.None);
        await WebhookStore.InsertAsync(scope, account, webhook, EventCatalog.Find(EventCatalog.DeliveryFailed)!.Bit, null, WebhookEndpoint.None, CancellationToken.None);
        await scope.CommitAsync(CancellationToken.None);
        return webhook.Id;
    }
}
