namespace Libromi.Connect.Webhooks.Events;

/// <summary>
/// Data of <c>webhook.disabled</c>, an operational event: the delivery engine disabled a webhook. It is never sent to the
/// webhook it is about.
/// </summary>
/// <param name="Webhook">The webhook that was disabled.</param>
/// <param name="Reason">
/// Its <c>disabled_reason</c>: <c>failing</c> (no success for <c>Delivery:DisableAfter</c>) or <c>gone</c> (it answered 410 Gone).
/// </param>
/// <param name="FailingSince">When its failing streak began; null when a 410 came before any failure.</param>
/// <param name="Delivery">The delivery whose failed attempt disabled it.</param>
/// <param name="Error">How that attempt failed.</param>
public sealed record WebhookDisabled(WebhookReference Webhook, string Reason, DateTimeOffset? FailingSince, DeliveryReference Delivery, DeliveryError Error)
    : IWebhookEventData
{
    /// <inheritdoc/>
    public static string EventType => WebhookEventTypes.WebhookDisabled;
}
