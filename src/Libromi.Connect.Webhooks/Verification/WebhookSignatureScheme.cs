namespace Libromi.Connect.Webhooks.Verification;

/// <summary>The signing scheme a request was accepted under.</summary>
public enum WebhookSignatureScheme
{
    /// <summary>No scheme: the request was rejected.</summary>
    None = 0,

    /// <summary>Standard Webhooks: <c>webhook-id</c>, <c>webhook-timestamp</c> and <c>webhook-signature</c>.</summary>
    StandardWebhooks,

    /// <summary>The original Libromi scheme: <c>X-Libromi-Signature</c>, hex HMAC-SHA256 of the body.</summary>
    Libromi,
}
