using System.Text.Json;
using Libromi.Connect.Testing;
using Libromi.Connect.Webhooks.Events;
using Libromi.Connect.Webhooks.Signing;

namespace Libromi.Connect.Webhooks.Tests.AspNetCore;

/// <summary>The receiver configured with an <c>ed25519</c> webhook's public key, against real deliveries from a real server.</summary>
public sealed class ReceiverEd25519Tests
{
    [Fact]
    public async Task A_receiver_holding_only_the_public_key_handles_the_deliveries_of_an_ed25519_webhook()
    {
        var handled = new HandledEvents();
        await using var server = await TestServer.StartAsync();
        using var api = server.CreateClient();
        var (id, publicKey) = await CreateEd25519WebhookAsync(api);
        await using var receiver = await ReceiverApp.StartAsync(options =>
        {
            options.PublicKeys = [publicKey];
            options.On<ContactCreated>((e, _) => handled.Record(e));
        });
        await PointAsync(api, id, receiver);

        var contact = await api.PostOkAsync("contacts", new { name = "Ada", phone = "+441234567890" });

        var created = Assert.IsType<WebhookEvent<ContactCreated>>(Assert.Single(await handled.WaitForCountAsync(1)));
        Assert.Equal(contact.Str("id"), created.Data.Contact.Id);
    }

    [Fact]
    public async Task A_receiver_holding_another_public_key_answers_401_and_never_runs_its_handler()
    {
        var handled = new HandledEvents();
        await using var server = await TestServer.StartAsync();
        using var api = server.CreateClient();
        var (id, _) = await CreateEd25519WebhookAsync(api);
        await using var receiver = await ReceiverApp.StartAsync(options =>
        {
            options.PublicKeys = [WebhookSigningKey.Generate().PublicKey];
            options.On<ContactCreated>((e, _) => handled.Record(e));
        });
        await PointAsync(api, id, receiver);

        await api.PostOkAsync("contacts", new { name = "Ada", phone = "+441234567890" });

        var delivery = await WaitForFirstStatusAsync(server, api, id);
        Assert.Equal(401, delivery.GetProperty("last_status_code").GetInt32());
        Assert.Empty(handled.All);
    }

    [Fact]
    public async Task Mapping_an_endpoint_with_neither_a_secret_nor_a_public_key_or_with_a_malformed_public_key_fails()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => ReceiverApp.StartAsync(options => options.Secrets = []));
        await Assert.ThrowsAsync<ArgumentException>(() => ReceiverApp.StartAsync(options => options.PublicKeys = ["whpk_short"]));
    }

    private static async Task<(string Id, string PublicKey)> CreateEd25519WebhookAsync(HttpClient api)
    {
        var webhook = await api.PostOkAsync("webhooks", new { url = "http://127.0.0.1:9/webhook", events = new[] { "contact.created" }, signing = "ed25519" });
        return (webhook.Str("id"), webhook.Str("public_key"));
    }

    private static async Task PointAsync(HttpClient api, string id, ReceiverApp receiver)
    {
        var (status, body) = await api.SendJsonAsync(HttpMethod.Patch, $"webhooks/{id}", new { url = receiver.Url.ToString() });
        Assert.True(status == System.Net.HttpStatusCode.OK, body.ToString());
    }

    // Waits on the server's own delivery changes, reading the deliveries again after each one.
    private static async Task<JsonElement> WaitForFirstStatusAsync(TestServer server, HttpClient api, string id) =>
        (await server.WaitForDeliveriesAsync(
            async () => (await api.GetOkAsync($"webhooks/{id}/deliveries")).GetProperty("data").EnumerateArray().ToList(),
            deliveries => deliveries is [{ } first] && first.GetProperty("last_status_code").ValueKind == JsonValueKind.Number))[0];
}
