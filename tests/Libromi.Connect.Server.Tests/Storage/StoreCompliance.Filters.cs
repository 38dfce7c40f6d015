using System.Text.Json;
using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Events;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Libromi.Connect.Server.Tests.Storage;

/// <summary>The filter step of the fan-out on each provider: the same events make the same deliveries.</summary>
public abstract partial class StoreCompliance
{
    [SkippableFact]
    public async Task Fan_out_queues_an_event_only_for_the_webhooks_whose_filter_it_matches_and_a_damaged_filter_for_none()
    {
        var account = await new ApiKeys(Database, Ids, Time, new ApiKeyCache(Time)).CreateAccountAsync(ApiKeys.NewKey(), "Filters", CancellationToken.None);
        var all = await InsertFilteredWebhookAsync(account, null);
        var ada = await InsertFilteredWebhookAsync(account, """{"data.contact.name":"Ada"}""");
        var notAda = await InsertFilteredWebhookAsync(account, """{"$not":{"data.contact.name":{"$startsWith":"A"}}}""");
        var nobody = await InsertFilteredWebhookAsync(account, """{"data.contact.email":{"$ne":null}}""");
        var damaged = await InsertFilteredWebhookAsync(account, """{"data.contact.name":"Ada"}""");
        await using (var scope = await Database.BeginWriteAsync(CancellationToken.None))
        {
            await using var damage = scope.Command("UPDATE webhooks SET filter = '{\"data.contact.name\":' WHERE id = @id").With("@id", damaged);
            Assert.Equal(1, await damage.ExecuteNonQueryAsync());
            await scope.CommitAsync(CancellationToken.None);
        }

        var events = new EventWriter(Database, Ids, Time, new DeliverySignal(), new DeliveryChanges(), _options, Metrics, NullLogger<EventWriter>.Instance);
        await using (var scope = await Database.BeginWriteAsync(CancellationToken.None))
        {
            await events.AppendAsync(scope, account, NewContact("Ada"), CancellationToken.None);
            await events.AppendAsync(scope, account, NewContact("Lin"), CancellationToken.None);
            await scope.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(2, await CountDeliveriesAsync(all));
        Assert.Equal(1, await CountDeliveriesAsync(ada));
        Assert.Equal(1, await CountDeliveriesAsync(notAda));
        Assert.Equal(0, await CountDeliveriesAsync(nobody));
        Assert.Equal(0, await CountDeliveriesAsync(damaged));
    }

    private async Task<string> InsertFilteredWebhookAsync(string account, string? filter)
    {
        var now = Time.GetUtcNow();
        var webhook = new Webhook(Ids.New("wh"), "https://example.com/hook", ["contact.created"], null, true, null, "none", null,
            filter is null ? null : JsonElement.Parse(filter), null, null, "hmac", null, null, "whsec_" + Convert.ToBase64String(new byte[24]), null, now, now);
        await using var scope = await Database.BeginWriteAsync(CancellationToken.None);
        await WebhookStore.InsertAsync(scope, account, webhook, EventCatalog.Find("contact.created")!.Bit, null, WebhookEndpoint.None, CancellationToken.None);
        await scope.CommitAsync(CancellationToken.None);
        return webhook.Id;
    }

    private async Task<long> CountDeliveriesAsync(string webhookId)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await using var count = connection.Sql("SELECT COUNT(*) FROM deliveries WHERE webhook_id = @w").With("@w", webhookId);
        return Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
