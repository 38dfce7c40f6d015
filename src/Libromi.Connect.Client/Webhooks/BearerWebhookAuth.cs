namespace Libromi.Connect.Client;

/// <summary>A static token: every delivery carries <c>Authorization: Bearer {token}</c>.</summary>
public sealed record BearerWebhookAuth : WebhookAuth
{
    /// <summary>
    /// The token: letters, digits and <c>-._~+/</c>, with optional trailing <c>=</c> (an RFC 6750 b64token); required.
    /// Sending back the hint a read answered keeps the stored token.
    /// </summary>
    public required string Token { get; init; }
}
