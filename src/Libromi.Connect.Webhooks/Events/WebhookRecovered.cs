namespace Libromi.Connect.Webhooks.Events;

/// <summary>
/// Data of <c>webhook.recovered</c>, an operational event: a webhook that was failing (an attempt failed, and none
/// succeeded since <see cref="FailingSince"/>) had a successful attempt. It is never sent to the webhook it is about.
/// </summary>
/// <param name="Webhook">The webhook that recovered.</param>
/// <param name="FailingSince">When the failing streak that ended began.</param>
/// <param name="Delivery">The delivery whose attempt succeeded.</param>
public sealed record WebhookRecovered(WebhookReference Webhook, DateTimeOffset FailingSince, DeliveryReference Delivery) : IWebhookEventData
{
    /// <inheritdoc/>
    public static string EventType => WebhookEventTypes.WebhookRecovered;
}
