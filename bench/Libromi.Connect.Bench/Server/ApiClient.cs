using System.Net.Http.Json;
using System.Text.Json;

namespace Libromi.Connect.Bench.Server;

/// <summary>The few API calls the scenarios make.</summary>
public sealed class ApiClient(HttpClient http) : IDisposable
{
    /// <summary>The phone every inbound message comes from, so each one raises exactly one <c>message.received</c>.</summary>
    public const string Phone = "+14155550100";

    public async Task<string> CreateWebhookAsync(Uri url, string[] events, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("webhooks", new { url = url.ToString(), events }, cancellationToken);
        await EnsureAsync(response, cancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("secret").GetString()!;
    }

    /// <summary>A webhook with <paramref name="ordering"/> ("none" or "contact").</summary>
    public async Task CreateWebhookAsync(Uri url, string[] events, string ordering, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("webhooks", new { url = url.ToString(), events, ordering }, cancellationToken);
        await EnsureAsync(response, cancellationToken);
    }

    /// <summary>A webhook with a <paramref name="filter"/> (the filter's JSON, or null for none).</summary>
    public async Task CreateFilteredWebhookAsync(Uri url, string[] events, string? filter, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new { url = url.ToString(), events });
        using var content = new StringContent(filter is null ? body : body[..^1] + ",\"filter\":" + filter + "}", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("webhooks", content, cancellationToken);
        await EnsureAsync(response, cancellationToken);
    }

    /// <summary>Posts an inbound message from the contact <see cref="CreateContactAsync"/> made as number <paramref name="contact"/>.</summary>
    public async Task InboundFromAsync(long contact, long marker, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("inbound/messages", new { from = ContactPhone(contact), content = $"Hello, lat-{marker} here" }, cancellationToken);
        await EnsureAsync(response, cancellationToken);
    }

    /// <summary>Posts an inbound message; the content carries the latency marker <c>lat-N</c>.</summary>
    public async Task InboundAsync(long marker, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("inbound/messages", new { from = Phone, content = $"Hello, lat-{marker} here" }, cancellationToken);
        await EnsureAsync(response, cancellationToken);
    }

    /// <summary>
    /// Creates the contact of <see cref="Phone"/> up front. Otherwise concurrent first messages race to create it, and on
    /// PostgreSQL all but one are answered 409 (SQLite's single writer serialises them).
    /// </summary>
    public async Task CreateSenderAsync(CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("contacts", new { name = "Bench sender", phone = Phone }, cancellationToken);
        await EnsureAsync(response, cancellationToken);
    }

    public async Task CreateContactAsync(long n, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("contacts", new { name = $"Bench {n}", phone = ContactPhone(n) }, cancellationToken);
        await EnsureAsync(response, cancellationToken);
    }

    /// <summary>Creates the contact of number <paramref name="n"/> and returns its id.</summary>
    public async Task<string> CreateContactReturningIdAsync(long n, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("contacts", new { name = $"Bench {n}", phone = ContactPhone(n) }, cancellationToken);
        await EnsureAsync(response, cancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Renames the contact <paramref name="id"/> to a name carrying <paramref name="marker"/>: one <c>contact.updated</c>, and no new row.</summary>
    public async Task RenameContactAsync(string id, long marker, CancellationToken cancellationToken)
    {
        using var response = await http.PatchAsJsonAsync($"contacts/{id}", new { name = $"Bench contact {marker}" }, cancellationToken);
        await EnsureAsync(response, cancellationToken);
    }

    private static string ContactPhone(long n) => "+1415" + (2000000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => http.Dispose();

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
