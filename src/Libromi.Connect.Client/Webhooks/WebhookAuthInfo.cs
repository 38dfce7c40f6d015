namespace Libromi.Connect.Client;

/// <summary>
/// A webhook's <see cref="Webhook.Auth"/> as reads answer it: the public fields of its <see cref="Type"/>, and for each
/// secret a hint (<c>…</c> and its last four characters when it has at least twelve, else <c>…</c>). Properties that
/// are not of the type are null.
/// </summary>
public sealed record WebhookAuthInfo
{
    /// <summary><c>basic</c>, <c>bearer</c>, <c>oauth2</c> or <c>mtls</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The user name of <c>basic</c>.</summary>
    public string? Username { get; init; }

    /// <summary>The hint of the password of <c>basic</c>.</summary>
    public string? Password { get; init; }

    /// <summary>The hint of the token of <c>bearer</c>.</summary>
    public string? Token { get; init; }

    /// <summary>The token endpoint of <c>oauth2</c>.</summary>
    public string? TokenUrl { get; init; }

    /// <summary>The client id of <c>oauth2</c>.</summary>
    public string? ClientId { get; init; }

    /// <summary>The hint of the client secret of <c>oauth2</c>.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>The scopes of <c>oauth2</c>, or null for none.</summary>
    public string? Scope { get; init; }

    /// <summary>The PEM client certificate of <c>mtls</c> (public, so answered as stored).</summary>
    public string? Certificate { get; init; }

    /// <summary>The hint of the private key of <c>mtls</c>: always <c>…</c>.</summary>
    public string? PrivateKey { get; init; }

    /// <summary>The subject of the <c>mtls</c> certificate, such as <c>CN=libromi</c>.</summary>
    public string? CertificateSubject { get; init; }

    /// <summary>When the <c>mtls</c> certificate expires; deliveries fail after it.</summary>
    public DateTimeOffset? CertificateExpiresAt { get; init; }

    /// <summary>The SHA-256 fingerprint of the <c>mtls</c> certificate, lowercase hex.</summary>
    public string? CertificateSha256 { get; init; }
}
