using System.Globalization;
using Libromi.Connect.Webhooks.Signing;

using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Server.Delivery.Transports.Auth;

namespace Libromi.Connect.Server.Delivery.Transports;

/// <summary>
/// The headers of one attempt, the same whether it goes over HTTP or through a <c>libromi listen</c> session: the
/// platform's own, then the webhook's custom headers, then the <c>Authorization</c> of a basic or bearer auth (an OAuth2
/// token is the transport's to add), then the W3C <c>traceparent</c> of the attempt's span when it is traced. Validation
/// keeps custom headers from repeating any of the others.
/// </summary>
public static class DeliveryHeaders
{
    public const string ContentType = "Content-Type";
    public const string DeliveryId = "X-Libromi-Delivery-Id";

    public static readonly string UserAgent = $"Libromi-Connect-Webhooks/{typeof(DeliveryHeaders).Assembly.GetName().Version?.ToString(3)}";

    public const string Authorization = "Authorization";

    public const string TraceParent = "traceparent";

    public static (string Name, string Value)[] For(LeasedDelivery lease, EventPayload payload, DeliveryTarget target, long timestampSeconds, string? traceParent = null) =>
    [
        (ContentType, "application/json"),
        ("User-Agent", UserAgent),
        (WebhookHeaders.Signature, target.LibromiSigner.SignLibromi(payload.Body)),
        (WebhookHeaders.EventId, payload.Id),
        (WebhookHeaders.EventType, payload.Type),
        (WebhookHeaders.DeliveryAttempt, (lease.AttemptCount + 1).ToString(CultureInfo.InvariantCulture)),
        (DeliveryId, DeliveryStore.PublicId(lease.Id)),
        (WebhookHeaders.WebhookId, payload.Id),
        (WebhookHeaders.WebhookTimestamp, timestampSeconds.ToString(CultureInfo.InvariantCulture)),
        (WebhookHeaders.WebhookSignature, target.StandardSigner.SignStandard(payload.Id, timestampSeconds, payload.Body)),
        .. target.Headers.Select(h => (h.Key, h.Value)),
        .. target.Auth switch
        {
            BasicAuth basic => [(Authorization, basic.Authorization)],
            BearerAuth bearer => [(Authorization, bearer.Authorization)],
            _ => Array.Empty<(string, string)>(),
        },
        .. traceParent is null ? Array.Empty<(string, string)>() : [(TraceParent, traceParent)],
    ];
}
