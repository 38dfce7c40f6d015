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

    /// <summary>Polls GET /deliveries/{id} until <paramref name="done"/> holds; the delivery engine itself never polls.</summary>
    public static async Task<JsonElement> WaitForDeliveryAsync(this HttpClient client, string deliveryId, Func<JsonElement, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var delivery = await client.GetOkAsync($"deliveries/{deliveryId}");
            if (done(delivery))
            {
                return delivery;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Delivery {deliveryId} did not reach the expected state: {delivery}");
            }
            await Task.Delay(20);
        }
    }

    public static async Task<string> OnlyDeliveryIdAsync(this HttpClient client, string webhookId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var deliveries = await client.DeliveriesAsync(webhookId);
            if (deliveries.Length > 0)
            {
                return Assert.Single(deliveries).Str("id");
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Webhook {webhookId} has no delivery.");
            }
            await Task.Delay(20);
        }
    }
}
