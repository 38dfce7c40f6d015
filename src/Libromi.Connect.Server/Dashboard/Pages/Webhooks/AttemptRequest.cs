using System.Globalization;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Delivery.Transports;
using Libromi.Connect.Server.Webhooks;
using Libromi.Connect.Webhooks.Signing;

namespace Libromi.Connect.Server.Dashboard.Pages.Webhooks;

/// <summary>
/// The request headers of one attempt as the dashboard shows them. The attempt log keeps the response, not the request,
/// so they are rebuilt from what <see cref="DeliveryHeaders.For"/> sends: the same names, the values that are not
/// secret, and for signatures, custom headers and <c>Authorization</c> a note of where the value comes from instead.
/// </summary>
public static class AttemptRequest
{
    public const string NotStored = "(computed for each attempt, not stored)";

    public static IReadOnlyList<(string Name, string Value)> Headers(DeliveryView delivery, AttemptView attempt, Webhook? webhook)
    {
        var headers = new List<(string, string)>
        {
            (DeliveryHeaders.ContentType, "application/json"),
            ("User-Agent", DeliveryHeaders.UserAgent),
            (WebhookHeaders.Signature, NotStored),
            (WebhookHeaders.EventId, delivery.EventId),
            (WebhookHeaders.EventType, delivery.EventType),
            (WebhookHeaders.DeliveryAttempt, attempt.Attempt.ToString(CultureInfo.InvariantCulture)),
            (DeliveryHeaders.DeliveryId, delivery.Id),
            (WebhookHeaders.WebhookId, delivery.EventId),
            (WebhookHeaders.WebhookTimestamp, attempt.StartedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            (WebhookHeaders.WebhookSignature, NotStored),
        };
        foreach (var (name, hint) in webhook?.Headers ?? new Dictionary<string, string>())
        {
            headers.Add((name, hint));
        }
        if (webhook?.Auth is { } auth)
        {
            headers.Add((DeliveryHeaders.Authorization, $"({auth.Type} auth from the webhook's settings, not shown)"));
        }
        return headers;
    }
}
