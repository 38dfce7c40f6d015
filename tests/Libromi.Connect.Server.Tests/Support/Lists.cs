using System.Text.Json;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Support;

/// <summary>Reads whole lists by following <c>next_cursor</c>, as a client would.</summary>
public static class Lists
{
    public static async Task<List<JsonElement>> AllAsync(this HttpClient client, string path, int limit = 100)
    {
        var items = new List<JsonElement>();
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        string? cursor = null;
        do
        {
            var page = await client.GetOkAsync($"{path}{separator}limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            items.AddRange(page.GetProperty("data").EnumerateArray());
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);
        return items;
    }

    public static async Task<List<string>> EventTypesAsync(this HttpClient client) =>
        [.. (await client.AllAsync("events")).Select(e => e.Str("type"))];

    /// <summary>How many rows of each kind the account sees: contacts, messages, chatbots, webhooks, events.</summary>
    public static async Task<string> CountsAsync(this HttpClient client)
    {
        var counts = new List<string>();
        foreach (var kind in new[] { "contacts", "messages", "chatbots", "webhooks", "events" })
        {
            counts.Add($"{kind}={(await client.AllAsync(kind)).Count}");
        }
        return string.Join(" ", counts);
    }
}
