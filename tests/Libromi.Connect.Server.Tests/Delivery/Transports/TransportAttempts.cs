using System.Text;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Server.Delivery.Outcomes;
using Libromi.Connect.Server.Delivery.Transports;
using Libromi.Connect.Server.Delivery.Transports.Auth;
using Libromi.Connect.Webhooks.Signing;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Tests.Delivery.Transports;

/// <summary>
/// Sends attempts through a real <see cref="HttpTransport"/>, built as the server builds it from its options, to real
/// receivers: the attempts the runner would hand it, for one webhook with the given URL and auth.
/// </summary>
public sealed class TransportAttempts(DeliveryOptions options, TimeProvider time) : IDisposable
{
    private static readonly WebhookSigner Signer = new("whsec_" + Convert.ToBase64String(new byte[24]));
    private long _next;

    public HttpTransport Transport { get; } = new(Options.Create(options), time);

    public static DeliveryTarget Target(Uri url, EndpointAuth? auth = null, string webhookId = "whk_1") =>
        new(webhookId, url, true, Signer, Signer) { Auth = auth };

    /// <summary>Starts an attempt; it runs until its first wait before the returned task is handed back.</summary>
    public async Task<AttemptOutcome> SendAsync(DeliveryTarget target, CancellationToken stopping = default)
    {
        var id = Interlocked.Increment(ref _next);
        var lease = new LeasedDelivery(id, 1, $"evt_{id}", target.WebhookId, 0, 4, time.GetUtcNow().AddMinutes(5));
        var payload = new EventPayload($"evt_{id}", "contact.created", Encoding.UTF8.GetBytes($$"""{"id":"evt_{{id}}"}"""));
        using var attempt = new Attempt(lease, payload, target, time, options.Timeout, stopping);
        return await Transport.SendAsync(attempt);
    }

    public void Dispose() => Transport.Dispose();
}
