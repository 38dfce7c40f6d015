namespace Libromi.Connect.Webhooks.Events;

/// <summary>
/// Data of <c>delivery.failed</c>, an operational event: a delivery ended failed after its last attempt. It is never sent
/// to the webhook it is about, and there is none about a delivery of an operational event.
/// </summary>
/// <param name="Webhook">The webhook the delivery was for.</param>
/// <param name="Delivery">The delivery that failed.</param>
/// <param name="Error">How its last attempt failed.</param>
public sealed record DeliveryFailed(WebhookReference Webhook, DeliveryReference Delivery, DeliveryError Error) : IWebhookEventData
{
    /// <inheritdoc/>
    public static string EventType => WebhookEventTypes.DeliveryFailed;
}
