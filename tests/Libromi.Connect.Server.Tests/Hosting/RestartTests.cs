using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Hosting;

public sealed class RestartTests
{
    [Fact]
    public async Task Every_row_and_event_survives_a_restart_on_the_same_file()
    {
        await using var server = await TestServer.StartAsync();
        var otherKey = await server.CreateAccountAsync();
        using var client = server.CreateClient();
        var contact = await client.PostOkAsync("contacts", new { name = "Ada", phone = Seed.Phone(), attributes = new { plan = "gold" } });
        await client.PatchAsync($"contacts/{contact.Str("id")}", """{"name":"Ada Lovelace"}""");
        await client.PostOkAsync("messages", new { contact_id = contact.Str("id"), content = "Hello" });
        await client.ChatbotAsync(["hours"]);
        await client.WebhookAsync("https://example.com/webhook", ["contact.updated"]);
        await client.PostOkAsync("inbound/messages", new { from = Seed.Phone(), content = "hours?" });
        var replayed = await client.PostAsync("contacts", $$"""{"name":"Grace","phone":"{{Seed.Phone()}}"}""", new Dictionary<string, string> { ["Idempotency-Key"] = "grace" });
        var before = await SnapshotAsync(client);

        await server.RestartAsync();

        using var after = server.CreateClient();
        Assert.Equal(before, await SnapshotAsync(after));
        Assert.Equal(replayed.Text, (await after.PostAsync("contacts", $$"""{"name":"Grace","phone":"{{replayed.Json.Str("phone")}}"}""",
            new Dictionary<string, string> { ["Idempotency-Key"] = "grace" })).Text);
        using var other = server.CreateClient(otherKey);
        Assert.Empty(await other.AllAsync("contacts"));
    }

    private static async Task<string> SnapshotAsync(HttpClient client)
    {
        var parts = new List<string>();
        foreach (var kind in new[] { "contacts", "messages", "chatbots", "webhooks", "events" })
        {
            parts.AddRange((await client.AllAsync(kind)).Select(item => item.GetRawText()));
        }
        return string.Join("\n", parts);
    }
}
