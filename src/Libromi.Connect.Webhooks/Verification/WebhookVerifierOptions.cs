namespace Libromi.Connect.Webhooks.Verification;

/// <summary>Configures a <see cref="WebhookVerifier"/>.</summary>
public sealed class WebhookVerifierOptions
{
    /// <summary>
    /// Secrets to accept, several at once while rotating. Standard Webhooks signatures are checked only
    /// for secrets of the form <c>whsec_</c> plus base64; <c>X-Libromi-Signature</c> is checked for every
    /// secret, keyed with its UTF-8 bytes as written. A request that carries the Standard Webhooks headers, as every
    /// Libromi Connect delivery does, is judged by them alone, so it needs a <c>whsec_</c> secret here.
    /// Default: empty; the verifier needs at least one secret or one of <see cref="PublicKeys"/>.
    /// </summary>
    public IList<string> Secrets { get; set; } = [];

    /// <summary>
    /// Ed25519 public keys, <c>whpk_</c> plus the base64 of 32 bytes (a webhook's <c>public_key</c>), several at once
    /// while rotating: a <c>v1a</c> entry of <c>webhook-signature</c> verifies when it matches any of them. With public
    /// keys alone the receiver needs no shared secret, and a request with only <c>X-Libromi-Signature</c> never
    /// verifies. Default: empty.
    /// </summary>
    public IList<string> PublicKeys { get; set; } = [];

    /// <summary>
    /// How far <c>webhook-timestamp</c> may be from now, either way, before a request counts as a replay and is
    /// rejected; so a captured request verifies for at most twice this long. Requests with only
    /// <c>X-Libromi-Signature</c> have no timestamp and are not bounded by it. Default: 5 minutes.
    /// </summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock timestamps are checked against. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Whether a request with only <c>X-Libromi-Signature</c> may verify. That scheme signs the body alone, with no
    /// timestamp, so whoever captured a delivery can strip its Standard Webhooks headers and replay it under this one
    /// at any time; the idempotency store is then the only guard. Set false when every sender signs with Standard
    /// Webhooks, as Libromi Connect does, to make <see cref="Tolerance"/> bind every request. Default: true, for
    /// senders of the original scheme only.
    /// </summary>
    public bool AcceptLibromiSignature { get; set; } = true;
}
