using System.Text.Json;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Support;

/// <summary>Creates resources through the API with sensible defaults.</summary>
public static class Seed
{
    private static int _phone = 100000;

    /// <summary>A phone number no other test in this process uses.</summary>
    public static string Phone() => "+44" + Interlocked.Increment(ref _phone).ToString(System.Globalization.CultureInfo.InvariantCulture) + "7";

    public static Task<JsonElement> ContactAsync(this HttpClient client, string name = "Ada Lovelace", string? phone = null) =>
        client.PostOkAsync("contacts", new { name, phone = phone ?? Phone() });

    public static Task<JsonElement> ChatbotAsync(this HttpClient client, string[] keywords, string match = "contains", string reply = "We are open 9 to 5.", bool enabled = true) =>
        client.PostOkAsync("chatbots", new { name = "Opening hours", keywords, match, reply, enabled });

    /// <summary>
    /// Registers a webhook; the default URL refuses connections at once (the discard port on loopback), so deliveries
    /// fail fast instead of waiting on DNS for a host this sandbox cannot reach.
    /// </summary>
    public static Task<JsonElement> WebhookAsync(this HttpClient client, string url = "http://127.0.0.1:9/webhook", string[]? events = null) =>
        client.PostOkAsync("webhooks", new { url, events = events ?? ["*"] });
}
