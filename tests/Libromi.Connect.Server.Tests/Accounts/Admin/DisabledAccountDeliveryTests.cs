using System.Net.Http.Headers;
using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Tests.Delivery;
using Libromi.Connect.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Accounts.Admin;

/// <summary>A disabled account's deliveries stay pending and unsent, and go out once it is enabled again: nothing lost, nothing failed.</summary>
public sealed class DisabledAccountDeliveryTests
{
    [Fact]
    public async Task A_disabled_accounts_due_retry_is_not_sent_while_another_accounts_delivery_is_and_goes_out_once_enabled()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var operatorKey = ApiKeys.NewKey();
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Admin:ApiKey"] = operatorKey }, clock);
        using var admin = new HttpClient { BaseAddress = new Uri(server.BaseAddress, "/admin/v1/") };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
        var acme = await admin.PostOkAsync("accounts", new { name = "Acme" });
        var acmeId = acme.GetProperty("account").Str("id");
        using var acmeClient = server.CreateClient(acme.GetProperty("api_key").Str("key"));
        using var otherClient = server.CreateClient();
        await using var acmeReceiver = await TestReceiver.StartAsync();
        await using var otherReceiver = await TestReceiver.StartAsync();
        var calls = 0;
        acmeReceiver.Respond = _ => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? new ReceiverResponse(500) : ReceiverResponse.Ok);
        var (acmeWebhook, _) = await acmeClient.CreateWebhookAsync(acmeReceiver.Url, "contact.created");
        await otherClient.CreateWebhookAsync(otherReceiver.Url, "contact.created");
        await acmeClient.CreateContactAsync("Ada", "+15550001001");
        var deliveryId = await server.OnlyDeliveryIdAsync(acmeClient, acmeWebhook);
        await server.WaitForDeliveryAsync(acmeClient, deliveryId, d => d.GetProperty("attempt_count").GetInt32() == 1);

        await admin.PostOkAsync($"accounts/{acmeId}/disable");
        clock.Advance(TimeSpan.FromSeconds(10));
        // The barrier: a lease after the retry fell due sent the other account's delivery, and would have taken the retry (due earlier) first.
        await otherClient.CreateContactAsync("Bob", "+15550001002");
        await otherReceiver.NextAsync();
        Assert.Single(acmeReceiver.Received);

        await admin.PostOkAsync($"accounts/{acmeId}/enable");
        await acmeReceiver.WaitForCountAsync(2);
        var delivered = await server.WaitForDeliveryAsync(acmeClient, deliveryId, d => d.Str("status") == "succeeded");
        Assert.Equal([500, 200], delivered.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("status_code").GetInt32()));
    }
}
