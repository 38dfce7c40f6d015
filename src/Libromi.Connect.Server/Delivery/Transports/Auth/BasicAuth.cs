namespace Libromi.Connect.Server.Delivery.Transports.Auth;

/// <summary>HTTP Basic authentication (RFC 7617): <c>Authorization: Basic base64(username:password)</c> on every attempt.</summary>
public sealed record BasicAuth(string Username, string Password) : EndpointAuth
{
    public const string Name = "basic";

    public override string Type => Name;

    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Username = ").Append(Username);
        return true;
    }
}
