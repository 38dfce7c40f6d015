using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Libromi.Connect.Webhooks;
using Libromi.Connect.Webhooks.Signing;

namespace Libromi.Connect.Bench.Peer;

/// <summary>The Hangfire job a .NET team would write: one per delivery, HttpClient, the same two HMAC signatures.</summary>
public sealed class HangfireDelivery
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 32,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public async Task SendAsync(string url, string secret, string eventId, string payload)
    {
        var body = Encoding.UTF8.GetBytes(payload);
        var signer = new WebhookSigner(secret);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.TryAddWithoutValidation(WebhookHeaders.Signature, signer.SignLibromi(body));
        request.Headers.TryAddWithoutValidation(WebhookHeaders.EventId, eventId);
        request.Headers.TryAddWithoutValidation(WebhookHeaders.EventType, "message.received");
        request.Headers.TryAddWithoutValidation(WebhookHeaders.WebhookId, eventId);
        request.Headers.TryAddWithoutValidation(WebhookHeaders.WebhookTimestamp, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookHeaders.WebhookSignature, signer.SignStandard(eventId, timestamp, body));
        using var response = await Client.SendAsync(request);
        // A non-2xx fails the job, so Hangfire's own retries apply, as they would for the team writing this.
        response.EnsureSuccessStatusCode();
    }
}
