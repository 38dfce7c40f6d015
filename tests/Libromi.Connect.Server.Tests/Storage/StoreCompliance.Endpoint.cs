using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Delivery.Transports.Auth;
using Libromi.Connect.Server.Events;
using Libromi.Connect.Server.Webhooks;

namespace Libromi.Connect.Server.Tests.Storage;

/// <summary>A webhook's custom headers and auth on each provider: stored with their secrets, read back alike, on the delivery target too.</summary>
public abstract partial class StoreCompliance
{
    [SkippableFact]
    public async Task A_webhooks_headers_and_auth_round_trip_through_the_store_and_onto_its_delivery_target()
    {
        var account = await new ApiKeys(Database, Ids, Time, new ApiKeyCache(Time)).CreateAccountAsync(ApiKeys.NewKey(), "Endpoint", CancellationToken.None);
        var now = Time.GetUtcNow();
        var endpoint = new WebhookEndpoint([new("X-Api-Key", "k3y-0123456789-abcd"), new("x-second", "two")], new BasicAuth("libromi", "pa55word-0123456789"));
        var webhook = new Webhook(Ids.New("wh"), "https://example.com/hook", ["*"], null, true, null, "none", null, null, null, null, "hmac", null, null, "whsec_" + Convert.ToBase64String(new byte[24]), null, now, now);
        await using (var scope = await Database.BeginWriteAsync(CancellationToken.None))
        {
            await WebhookStore.InsertAsync(scope, account, webhook, EventCatalog.WildcardBits, null, endpoint, CancellationToken.None);
            await scope.CommitAsync(CancellationToken.None);
        }

        await using var session = await Database.OpenSessionAsync(CancellationToken.None);
        var stored = await WebhookStore.FindEndpointAsync(session, account, webhook.Id, CancellationToken.None);
        var read = await WebhookStore.FindAsync(session, account, webhook.Id, CancellationToken.None);
        var target = (await WebhookStore.TargetsAsync(session, [webhook.Id], now.ToUnixTimeMilliseconds(), CancellationToken.None))[webhook.Id];

        Assert.Equal(endpoint.Headers, stored.Headers);
        Assert.Equal(endpoint.Auth, stored.Auth);
        Assert.Equal(endpoint.Headers, target.Headers);
        Assert.Equal(endpoint.Auth, target.Auth);
        Assert.Equal(["X-Api-Key", "x-second"], read!.Headers!.Keys);
        Assert.Equal(("…abcd", "…"), (read.Headers["X-Api-Key"], read.Headers["x-second"]));
        Assert.Equal(("basic", "libromi", "…6789"), (read.Auth!.Type, read.Auth.Username, read.Auth.Password));
    }
}
