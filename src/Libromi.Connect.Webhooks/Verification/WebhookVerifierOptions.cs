namespace Libromi.Connect.Webhooks.Verification;

/// <summary>Configures a <see cref="WebhookVerifier"/>.</summary>
public sealed class WebhookVerifierOptions
{
    /// <summary>
    /// Secrets to accept, several at once while rotating. Standard Webhooks signatures are checked only
    /// for secrets of the form <c>whsec_</c> plus base64; <c>X-Libromi-Signature</c> is checked for every
    /// secret, keyed with its UTF-8 bytes as written. Default: empty, which the verifier rejects.
    /// </summary>
    public IList<string> Secrets { get; set; } = [];

    /// <summary>
    /// How far <c>webhook-timestamp</c> may be from now, either way, before a request counts as a replay.
    /// Default: 5 minutes.
    /// </summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock timestamps are checked against. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
