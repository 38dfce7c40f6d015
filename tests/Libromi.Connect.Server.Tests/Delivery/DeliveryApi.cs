using System.Text.Json;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>The calls the delivery tests repeat: register a webhook, cause an event, follow a delivery.</summary>
internal static class DeliveryApi
{
    public static async Task<(string Id, string Secret)> CreateWebhookAsync(this HttpClient client, Uri url, params string[] events)
    {
        var webhook = await client.PostOkAsync("webhooks", new { url = url.ToString(), events = events.Length == 0 ? ["*"] : events });
        return (webhook.Str("id"), webhook.Str("secret"));
    }

    public static Task<JsonElement> CreateContactAsync(this HttpClient client, string name, string phone, object? attributes = null) =>
        client.PostOkAsync("contacts", new { name, phone, attributes });

    public static async Task<JsonElement[]> DeliveriesAsync(this HttpClient client, string webhookId, string? status = null)
    {
        var page = await client.GetOkAsync($"webhooks/{webhookId}/deliveries?limit=100{(status is null ? "" : "&status=" + status)}");
        return [.. page.GetProperty("data").EnumerateArray()];
    }

    /// <summary>When the sender started each logged attempt of the webhook's deliveries, as the attempt log says.</summary>
    public static async Task<List<DateTimeOffset>> AttemptStartsAsync(this HttpClient client, string webhookId)
    {
        var starts = new List<DateTimeOffset>();
        foreach (var delivery in await client.DeliveriesAsync(webhookId))
        {
            var attempts = (await client.GetOkAsync($"deliveries/{delivery.Str("id")}")).GetProperty("attempts").EnumerateArray();
            starts.AddRange(attempts.Select(a => a.GetProperty("started_at").GetDateTimeOffset()));
        }
        return starts;
    }

    /// <summary>Reads GET /deliveries/{id} until <paramref name="done"/> holds, again at each delivery change the server commits.</summary>
    public static Task<JsonElement> WaitForDeliveryAsync(this TestServer server, HttpClient client, string deliveryId, Func<JsonElement, bool> done, TimeSpan? timeout = null) =>
        server.WaitForDeliveriesAsync(() => client.GetOkAsync($"deliveries/{deliveryId}"), done, timeout);

    public static async Task<string> OnlyDeliveryIdAsync(this TestServer server, HttpClient client, string webhookId)
    {
        var deliveries = await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(webhookId), d => d.Length > 0);
        return Assert.Single(deliveries).Str("id");
    }
}
