namespace Libromi.Connect.Client;

/// <summary>HTTP Basic authentication: every delivery carries <c>Authorization: Basic base64(username:password)</c>.</summary>
public sealed record BasicWebhookAuth : WebhookAuth
{
    /// <summary>The user name, without <c>:</c>; required.</summary>
    public required string Username { get; init; }

    /// <summary>The password; required. Sending back the hint a read answered keeps the stored password.</summary>
    public required string Password { get; init; }
}
