namespace Libromi.Connect.Webhooks.Signing;

/// <summary>HTTP header names on every webhook delivery.</summary>
public static class WebhookHeaders
{
    /// <summary>Lowercase hex HMAC-SHA256 of the body, keyed with the secret's UTF-8 bytes (the original Libromi scheme).</summary>
    public const string Signature = "X-Libromi-Signature";

    /// <summary>The event's unique id; receivers use it to ignore redeliveries.</summary>
    public const string EventId = "X-Libromi-Event-Id";

    /// <summary>The event type, such as <c>message.received</c>.</summary>
    public const string EventType = "X-Libromi-Event-Type";

    /// <summary>The 1-based attempt number of this delivery.</summary>
    public const string DeliveryAttempt = "X-Libromi-Delivery-Attempt";

    /// <summary>Standard Webhooks message id; part of the signed content.</summary>
    public const string WebhookId = "webhook-id";

    /// <summary>Standard Webhooks send time in Unix seconds; part of the signed content.</summary>
    public const string WebhookTimestamp = "webhook-timestamp";

    /// <summary>Standard Webhooks signatures: space-separated <c>v1,&lt;base64&gt;</c> entries.</summary>
    public const string WebhookSignature = "webhook-signature";
}
