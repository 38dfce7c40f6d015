namespace Libromi.Connect.Server.Delivery.Transports.Auth;

/// <summary>A static bearer token (RFC 6750): <c>Authorization: Bearer {token}</c> on every attempt.</summary>
public sealed record BearerAuth(string Token) : EndpointAuth
{
    public const string Name = "bearer";

    public override string Type => Name;

    /// <summary>The header's value, built once per target rather than once per attempt.</summary>
    public string Authorization { get; } = "Bearer " + Token;

    protected override bool PrintMembers(System.Text.StringBuilder builder) => false;
}
