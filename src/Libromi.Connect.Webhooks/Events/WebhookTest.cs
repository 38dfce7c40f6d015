namespace Libromi.Connect.Webhooks.Events;

/// <summary>Data of <c>webhook.test</c>: a ping sent to one webhook by <c>POST /api/v1/webhooks/{id}/test</c>.</summary>
/// <param name="Webhook">The webhook the ping was sent to.</param>
/// <param name="Message">A human-readable note.</param>
public sealed record WebhookTest(WebhookReference Webhook, string Message) : IWebhookEventData
{
    /// <inheritdoc/>
    public static string EventType => WebhookEventTypes.WebhookTest;
}
