using Libromi.Connect.Testing;
using Microsoft.Data.Sqlite;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>A row damaged in the store (by hand, by a bad migration) fails alone, on its retry schedule, with every attempt logged.</summary>
public sealed class DamagedRowTests
{
    [Fact]
    public async Task A_webhook_whose_stored_url_is_damaged_fails_its_deliveries_while_other_webhooks_deliver()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Delivery:RetrySchedule:0"] = "00:00:00.010",
            ["Delivery:RetrySchedule:1"] = "00:00:00.010",
            ["Delivery:RetrySchedule:2"] = "00:00:00.010",
        });
        await using var damaged = await TestReceiver.StartAsync();
        await using var healthy = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var (damagedId, _) = await client.CreateWebhookAsync(damaged.Url, "contact.created");
        var (healthyId, _) = await client.CreateWebhookAsync(healthy.Url, "contact.created");
        await using (var connection = new SqliteConnection($"Data Source={server.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var damage = connection.CreateCommand();
            damage.CommandText = "UPDATE webhooks SET url = 'not a url at all' WHERE id = $id";
            damage.Parameters.AddWithValue("$id", damagedId);
            Assert.Equal(1, await damage.ExecuteNonQueryAsync());
        }

        await client.CreateContactAsync("Ada", "+15550007001");
        await client.CreateContactAsync("Lin", "+15550007002");

        await healthy.WaitForCountAsync(2);
        foreach (var delivery in await client.DeliveriesAsync(damagedId))
        {
            var failed = await server.WaitForDeliveryAsync(client, delivery.Str("id"), d => d.Str("status") == "failed");
            Assert.Equal(4, failed.GetProperty("attempts").GetArrayLength());
            Assert.All(failed.GetProperty("attempts").EnumerateArray(), a => Assert.Equal("internal_error", a.Str("error_kind")));
        }
        Assert.Empty(damaged.Received);
        // The healthy receiver has answered; its outcome may be recorded in a later batch than the damaged one's.
        await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(healthyId), d => d.Length > 0 && d.All(x => x.Str("status") == "succeeded"));
    }

    [Fact]
    public async Task An_ed25519_webhook_whose_stored_signing_key_is_damaged_fails_its_deliveries_while_other_webhooks_deliver()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Delivery:RetrySchedule:0"] = "00:00:00.010",
        });
        await using var damaged = await TestReceiver.StartAsync();
        await using var healthy = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var damagedId = (await client.PostOkAsync("webhooks", new { url = damaged.Url.ToString(), events = new[] { "contact.created" }, signing = "ed25519" })).Str("id");
        var healthyId = (await client.PostOkAsync("webhooks", new { url = healthy.Url.ToString(), events = new[] { "contact.created" }, signing = "ed25519" })).Str("id");
        await using (var connection = new SqliteConnection($"Data Source={server.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var damage = connection.CreateCommand();
            damage.CommandText = "UPDATE webhooks SET signing_key = 'whsk_not a key' WHERE id = $id";
            damage.Parameters.AddWithValue("$id", damagedId);
            Assert.Equal(1, await damage.ExecuteNonQueryAsync());
        }

        await client.CreateContactAsync("Ada", "+15550007003");

        await healthy.WaitForCountAsync(1);
        var delivery = Assert.Single(await client.DeliveriesAsync(damagedId));
        var failed = await server.WaitForDeliveryAsync(client, delivery.Str("id"), d => d.Str("status") == "failed");
        Assert.All(failed.GetProperty("attempts").EnumerateArray(), a => Assert.Equal("internal_error", a.Str("error_kind")));
        Assert.Empty(damaged.Received);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await client.GetOkAsync($"webhooks/{damagedId}")).GetProperty("public_key").ValueKind);
        // The healthy receiver has answered; its outcome may be recorded in a later batch than the damaged one's.
        await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(healthyId), d => d.Length > 0 && d.All(x => x.Str("status") == "succeeded"));
    }

    [Theory]
    [InlineData("auth", "{\"type\":\"kerberos\"}")]
    [InlineData("auth", "{\"type\":\"basic\",\"username\":\"u\"}")]
    [InlineData("auth", "not json")]
    [InlineData("headers", "{\"X-Key\":7}")]
    [InlineData("headers", "[1,2")]
    public async Task A_webhook_whose_stored_headers_or_auth_are_damaged_fails_its_deliveries_while_other_webhooks_deliver(string column, string damage)
    {
        await using var server = await TestServer.StartAsync();
        await using var damaged = await TestReceiver.StartAsync();
        await using var healthy = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var (damagedId, _) = await client.CreateWebhookAsync(damaged.Url, "contact.created");
        var (healthyId, _) = await client.CreateWebhookAsync(healthy.Url, "contact.created");
        await using (var connection = new SqliteConnection($"Data Source={server.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var update = connection.CreateCommand();
            update.CommandText = $"UPDATE webhooks SET {column} = $damage WHERE id = $id";
            update.Parameters.AddWithValue("$damage", damage);
            update.Parameters.AddWithValue("$id", damagedId);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        await client.CreateContactAsync("Ada", "+15550007003");

        await healthy.WaitForCountAsync(1);
        var attempt = await server.WaitForDeliveryAsync(client, await server.OnlyDeliveryIdAsync(client, damagedId), d => d.GetProperty("attempts").GetArrayLength() > 0);
        Assert.Equal("internal_error", attempt.GetProperty("attempts")[0].Str("error_kind"));
        Assert.Empty(damaged.Received);
        // The healthy receiver has answered; its outcome may be recorded in a later batch than the damaged one's.
        await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(healthyId), d => d.Length > 0 && d.All(x => x.Str("status") == "succeeded"));
    }
}
