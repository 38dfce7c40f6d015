namespace Libromi.Connect.Server.Delivery.Transports.Auth;

/// <summary>
/// The OAuth 2.0 client-credentials grant (RFC 6749 section 4.4): a token is fetched from <see cref="TokenUrl"/> with the
/// client's id and secret, cached until shortly before it expires, and sent as <c>Authorization: Bearer</c>.
/// </summary>
public sealed record OAuth2ClientCredentials(Uri TokenUrl, string ClientId, string ClientSecret, string? Scope) : EndpointAuth
{
    public const string Name = "oauth2";

    public override string Type => Name;

    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("TokenUrl = ").Append(TokenUrl).Append(", ClientId = ").Append(ClientId).Append(", Scope = ").Append(Scope);
        return true;
    }
}
