namespace Libromi.Connect.Client;

/// <summary>Mutual TLS: the client certificate the server presents to the webhook's https endpoint.</summary>
public sealed record MtlsWebhookAuth : WebhookAuth
{
    /// <summary>The client certificate, PEM, followed by its intermediates if any; it must be valid now. Required.</summary>
    public required string Certificate { get; init; }

    /// <summary>
    /// The certificate's unencrypted private key, PEM (RSA or EC); required. Sending back the hint a read answered
    /// (<c>…</c>) keeps the stored key.
    /// </summary>
    public required string PrivateKey { get; init; }
}
