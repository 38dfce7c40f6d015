namespace Libromi.Connect.Server.Delivery.Transports.Auth;

/// <summary>HTTP Basic authentication (RFC 7617): <c>Authorization: Basic base64(username:password)</c> on every attempt.</summary>
public sealed record BasicAuth(string Username, string Password) : EndpointAuth
{
    public const string Name = "basic";

    public override string Type => Name;

    /// <summary>The header's value, encoded once per target rather than once per attempt.</summary>
    public string Authorization { get; } = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Username}:{Password}"));

    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Username = ").Append(Username);
        return true;
    }
}
