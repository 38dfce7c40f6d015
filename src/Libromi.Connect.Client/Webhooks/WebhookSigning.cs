namespace Libromi.Connect.Client;

/// <summary>The values of <see cref="Webhook.Signing"/>: how a webhook's deliveries are signed.</summary>
public static class WebhookSigning
{
    /// <summary>
    /// HMAC-SHA256 with the webhook's secret: a <c>v1</c> entry in <c>webhook-signature</c> and <c>X-Libromi-Signature</c>.
    /// The default.
    /// </summary>
    public const string Hmac = "hmac";

    /// <summary>
    /// Everything <see cref="Hmac"/> sends, plus a <c>v1a</c> Ed25519 signature in <c>webhook-signature</c> that receivers
    /// verify with <see cref="Webhook.PublicKey"/>, so they need no shared secret.
    /// </summary>
    public const string Ed25519 = "ed25519";
}
