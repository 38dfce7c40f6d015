using System.Net;
using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>A webhook's filter decides at fan-out which events it gets: one that does not match creates no delivery for it.</summary>
public sealed class FilteredFanOutTests
{
    private const string GoldOrders = """{"data.contact.attributes.plan":{"$in":["gold","pro"]},"data.message.content":{"$contains":"order"}}""";

    [Fact]
    public async Task A_filtered_webhook_receives_only_the_matching_events_while_an_unfiltered_one_receives_them_all()
    {
        await using var server = await TestServer.StartAsync();
        await using var filtered = await TestReceiver.StartAsync();
        await using var everything = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var filteredId = await CreateFilteredWebhookAsync(client, filtered.Url, GoldOrders);
        var (everythingId, _) = await client.CreateWebhookAsync(everything.Url, "message.sent");
        var gold = (await client.CreateContactAsync("Ada", Seed.Phone(), new { plan = "gold" })).Str("id");
        var free = (await client.CreateContactAsync("Lin", Seed.Phone(), new { plan = "free" })).Str("id");
        var pro = (await client.CreateContactAsync("Mo", Seed.Phone(), new { plan = "pro" })).Str("id");

        await client.PostOkAsync("messages", new { contact_id = gold, content = "Your order has shipped" });
        await client.PostOkAsync("messages", new { contact_id = free, content = "Your order has shipped" });
        await client.PostOkAsync("messages", new { contact_id = gold, content = "Hello there" });
        await client.PostOkAsync("messages", new { contact_id = pro, content = "order 7 is ready" });
        await everything.WaitForCountAsync(4);
        await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(filteredId, "succeeded"), d => d.Length == 2);

        Assert.Equal(2, (await client.DeliveriesAsync(filteredId)).Length);
        Assert.Equal(4, (await client.DeliveriesAsync(everythingId)).Length);
        Assert.Equal(["Your order has shipped", "order 7 is ready"],
            filtered.Received.Select(r => r.Json.GetProperty("data").GetProperty("message").Str("content")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Changing_the_filter_with_patch_applies_to_the_next_events_and_removing_it_lets_every_event_through()
    {
        await using var server = await TestServer.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var id = await CreateFilteredWebhookAsync(client, receiver.Url, """{"data.contact.name":"Ada"}""");

        await client.CreateContactAsync("Lin", Seed.Phone());
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"webhooks/{id}", """{"filter":{"data.contact.name":{"$startsWith":"L"}}}""")).Status);
        await client.CreateContactAsync("Lou", Seed.Phone());
        await client.CreateContactAsync("Ada", Seed.Phone());
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"webhooks/{id}", """{"filter":null}""")).Status);
        await client.CreateContactAsync("Zed", Seed.Phone());
        await receiver.WaitForCountAsync(2);

        Assert.Equal(["Lou", "Zed"], receiver.Received.Select(r => r.Json.GetProperty("data").GetProperty("contact").Str("name")).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await client.DeliveriesAsync(id)).Length);
    }

    [Fact]
    public async Task A_test_event_reaches_the_webhook_whatever_its_filter()
    {
        await using var server = await TestServer.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var id = await CreateFilteredWebhookAsync(client, receiver.Url, """{"data.never":true}""");

        var test = await client.PostOkAsync($"webhooks/{id}/test");

        Assert.Equal("webhook.test", (await receiver.NextAsync()).Json.Str("type"));
        Assert.Equal(test.Str("delivery_id"), Assert.Single(await client.DeliveriesAsync(id)).Str("id"));
    }

    [Fact]
    public async Task A_filter_damaged_in_the_store_matches_nothing_and_is_logged_without_its_content_while_other_webhooks_deliver()
    {
        var logs = new LogRecorder();
        await using var server = await TestServer.StartAsync(configure: builder => builder.Logging.AddProvider(logs));
        await using var damaged = await TestReceiver.StartAsync();
        await using var healthy = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var damagedId = await CreateFilteredWebhookAsync(client, damaged.Url, """{"data.contact.name":"Ada"}""");
        var healthyId = await CreateFilteredWebhookAsync(client, healthy.Url, """{"data.contact.name":"Ada"}""");
        await using (var connection = new SqliteConnection($"Data Source={server.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var damage = connection.CreateCommand();
            damage.CommandText = "UPDATE webhooks SET filter = '{\"data.contact.name\": secret-looking' WHERE id = $id";
            damage.Parameters.AddWithValue("$id", damagedId);
            Assert.Equal(1, await damage.ExecuteNonQueryAsync());
        }

        await client.CreateContactAsync("Ada", Seed.Phone());
        await healthy.WaitForCountAsync(1);

        Assert.Empty(await client.DeliveriesAsync(damagedId));
        Assert.Single(await client.DeliveriesAsync(healthyId));
        var warning = Assert.Single(logs.Entries, e => e.Message.Contains(damagedId, StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.DoesNotContain("secret-looking", warning.Message, StringComparison.Ordinal);
        var read = await client.GetOkAsync($"webhooks/{damagedId}");
        Assert.Equal(JsonValueKind.String, read.GetProperty("filter").ValueKind);
        var test = await client.PostOkAsync($"webhooks/{damagedId}/filter-test", new { @event = new { type = "contact.created", data = new { } } });
        Assert.False(test.GetProperty("matches").GetBoolean());
    }

    internal static async Task<string> CreateFilteredWebhookAsync(HttpClient client, Uri url, string filter, string events = """["contact.created","message.sent"]""")
    {
        var answer = await client.PostAsync("webhooks", $$"""{"url":"{{url}}","events":{{events}},"filter":{{filter}}}""");
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        return answer.Json.Str("id");
    }
}
