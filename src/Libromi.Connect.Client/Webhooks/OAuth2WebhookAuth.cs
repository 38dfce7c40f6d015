namespace Libromi.Connect.Client;

/// <summary>
/// The OAuth 2.0 client-credentials grant: the server fetches a token from <see cref="TokenUrl"/>, caches it until
/// shortly before it expires, and sends it as <c>Authorization: Bearer</c> on every delivery.
/// </summary>
public sealed record OAuth2WebhookAuth : WebhookAuth
{
    /// <summary>The token endpoint: an absolute https URL on a public address (unless the server allows private networks); required.</summary>
    public required string TokenUrl { get; init; }

    /// <summary>The client id; required.</summary>
    public required string ClientId { get; init; }

    /// <summary>The client secret; required. Sending back the hint a read answered keeps the stored secret.</summary>
    public required string ClientSecret { get; init; }

    /// <summary>The scopes to ask for, separated by spaces. Default: none.</summary>
    public string? Scope { get; init; }
}
