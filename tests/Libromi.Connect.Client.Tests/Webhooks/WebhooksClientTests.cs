using Libromi.Connect.Client.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Client.Tests.Webhooks;

public sealed class WebhooksClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_webhook_is_created_read_listed_updated_and_deleted()
    {
        var client = await fixture.NewClientAsync();

        var created = await client.Webhooks.CreateAsync(new()
        {
            Url = "https://example.com/webhook",
            Events = ["message.received", "message.sent", "contact.created", "contact.updated"],
        });
        Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);
        Assert.True(created.Enabled);
        AssertJson.Same(created with { Secret = null }, await client.Webhooks.GetAsync(created.Id));
        Assert.Equal([created.Id], await client.Webhooks.ListAsync().Select(w => w.Id).ToListAsync());

        var updated = await client.Webhooks.UpdateAsync(created.Id, new() { Events = ["*"], Description = "All events", Enabled = false });
        Assert.Equal(["*"], updated.Events);
        Assert.Equal(("All events", false, "disabled_by_user"), (updated.Description, updated.Enabled, updated.DisabledReason));
        Assert.Equal("https://example.com/webhook", updated.Url);

        await client.Webhooks.DeleteAsync(created.Id);
        Assert.Empty(await client.Webhooks.ListAsync().ToListAsync());
    }

    [Fact]
    public async Task Ordering_and_rate_limit_are_set_on_create_changed_kept_and_removed_on_update()
    {
        var client = await fixture.NewClientAsync();

        var created = await client.Webhooks.CreateAsync(new() { Url = "https://example.com/webhook", Events = ["*"], Ordering = "contact", RateLimit = 40 });
        Assert.Equal(("contact", 40), (created.Ordering, created.RateLimit));

        var kept = await client.Webhooks.UpdateAsync(created.Id, new() { Description = "paced" });
        Assert.Equal(("contact", 40), (kept.Ordering, kept.RateLimit));

        var changed = await client.Webhooks.UpdateAsync(created.Id, new() { RateLimit = 3, Ordering = "none" });
        Assert.Equal(("none", 3), (changed.Ordering, changed.RateLimit));

        var removed = await client.Webhooks.UpdateAsync(created.Id, new() { RemoveRateLimit = true });
        Assert.Null(removed.RateLimit);
        Assert.Null((await client.Webhooks.GetAsync(created.Id)).RateLimit);
    }

    [Fact]
    public async Task Signing_is_set_on_create_answers_the_public_key_rotates_it_and_switches_back_to_hmac_on_update()
    {
        var client = await fixture.NewClientAsync();

        var created = await client.Webhooks.CreateAsync(new() { Url = "https://example.com/webhook", Events = ["*"], Signing = WebhookSigning.Ed25519 });
        Assert.Equal(WebhookSigning.Ed25519, created.Signing);
        Assert.StartsWith("whpk_", created.PublicKey, StringComparison.Ordinal);
        Assert.Equal(created.PublicKey, (await client.Webhooks.GetAsync(created.Id)).PublicKey);

        var rotated = await client.Webhooks.RotateSecretAsync(created.Id);
        Assert.NotEqual(created.PublicKey, rotated.PublicKey);
        Assert.Equal(created.PublicKey, rotated.PreviousPublicKey);

        var hmac = await client.Webhooks.UpdateAsync(created.Id, new() { Signing = WebhookSigning.Hmac });
        Assert.Equal((WebhookSigning.Hmac, null, null), (hmac.Signing, hmac.PublicKey, hmac.PreviousPublicKey));
        Assert.Equal(WebhookSigning.Hmac, (await client.Webhooks.CreateAsync(new() { Url = "https://example.com/plain", Events = ["*"] })).Signing);
    }

    [Fact]
    public async Task Rotating_the_secret_replaces_it_and_keeps_the_old_one_valid_for_a_while()
    {
        var client = await fixture.NewClientAsync();
        var webhook = await client.Webhooks.CreateAsync(new() { Url = "https://example.com/webhook", Events = ["*"] });

        var rotated = await client.Webhooks.RotateSecretAsync(webhook.Id);

        Assert.NotEqual(webhook.Secret, rotated.Secret);
        Assert.StartsWith("whsec_", rotated.Secret, StringComparison.Ordinal);
        Assert.True(rotated.PreviousSecretExpiresAt > rotated.UpdatedAt);
        var secrets = await client.Webhooks.GetSecretAsync(webhook.Id);
        Assert.Equal((rotated.Secret, webhook.Secret, rotated.PreviousSecretExpiresAt), (secrets.Secret, secrets.PreviousSecret, secrets.PreviousSecretExpiresAt));
    }

    [Fact]
    public async Task Reads_and_lists_leave_the_secret_out_and_GetSecretAsync_answers_it()
    {
        var client = await fixture.NewClientAsync();
        var webhook = await client.Webhooks.CreateAsync(new() { Url = "https://example.com/webhook", Events = ["*"] });

        var read = await client.Webhooks.GetAsync(webhook.Id);
        var listed = await client.Webhooks.ListAsync().SingleAsync();
        var updated = await client.Webhooks.UpdateAsync(webhook.Id, new() { Description = "CRM" });
        var secrets = await client.Webhooks.GetSecretAsync(webhook.Id);

        Assert.StartsWith("whsec_", webhook.Secret, StringComparison.Ordinal);
        Assert.Null(read.Secret);
        Assert.Null(listed.Secret);
        Assert.Null(updated.Secret);
        Assert.Equal(webhook.Secret, secrets.Secret);
        Assert.Null(secrets.PreviousSecret);
        Assert.Null(secrets.PreviousSecretExpiresAt);
        var missing = await Assert.ThrowsAsync<LibromiApiException>(() => client.Webhooks.GetSecretAsync("whk_missing"));
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task A_test_ping_reaches_the_endpoint_as_the_event_the_call_names()
    {
        var client = await fixture.NewClientAsync();
        await using var receiver = await TestReceiver.StartAsync();
        var webhook = await client.Webhooks.CreateAsync(new() { Url = receiver.Url.ToString(), Events = ["contact.created"] });

        var test = await client.Webhooks.TestAsync(webhook.Id);

        var arrived = await receiver.NextAsync();
        Assert.Equal(test.EventId, arrived.Json.GetProperty("id").GetString());
        Assert.Equal("webhook.test", arrived.Json.GetProperty("type").GetString());
        var delivery = await fixture.Server.WaitForDeliveriesAsync(() => client.Deliveries.GetAsync(test.DeliveryId), d => d.Status == DeliveryStatus.Succeeded);
        Assert.Equal((webhook.Id, test.EventId), (delivery.WebhookId, delivery.EventId));
    }

    [Fact]
    public async Task Recovering_queues_the_failed_deliveries_again_and_says_how_many()
    {
        var client = await fixture.NewClientAsync();
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(new ReceiverResponse(500, Body: "down"));
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var webhook = await client.Webhooks.CreateAsync(new() { Url = receiver.Url.ToString(), Events = ["contact.created"] });
        await client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "+441234567890" });
        await client.Contacts.CreateAsync(new() { Name = "Alan", Phone = "+441234567891" });
        await fixture.Server.WaitForDeliveriesAsync(() => client.Deliveries.ListAsync(webhook.Id, DeliveryStatus.Failed).CountAsync().AsTask(), n => n == 2);
        receiver.Respond = _ => Task.FromResult(ReceiverResponse.Ok);

        var recovered = await client.Webhooks.RecoverAsync(webhook.Id, since);

        Assert.Equal(2, recovered);
        await fixture.Server.WaitForDeliveriesAsync(() => client.Deliveries.ListAsync(webhook.Id, DeliveryStatus.Succeeded).CountAsync().AsTask(), n => n == 2);
    }

    [Fact]
    public async Task An_unknown_event_type_is_a_422_naming_its_position()
    {
        var client = await fixture.NewClientAsync();

        var error = await Assert.ThrowsAsync<LibromiApiException>(
            () => client.Webhooks.CreateAsync(new() { Url = "https://example.com/webhook", Events = ["message.received", "message.deleted"] }));

        Assert.Equal(422, error.Status);
        Assert.False(error.IsTransient);
        var messages = Assert.Single(error.Errors, e => e.Key == "events[1]").Value;
        Assert.Contains("'message.deleted' is not an event type", Assert.Single(messages), StringComparison.Ordinal);
        Assert.Contains("[events[1]]", error.Message, StringComparison.Ordinal);
    }
}
