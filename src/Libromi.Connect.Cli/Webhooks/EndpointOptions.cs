using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;
using Libromi.Connect.Client;

namespace Libromi.Connect.Cli.Webhooks;

/// <summary>
/// The <c>--header</c> and <c>--auth</c> options of <c>webhooks create</c> and <c>webhooks update</c>. A secret given as
/// <c>@PATH</c> is read from that file, so it stays out of the shell history and the process list.
/// </summary>
internal sealed class EndpointOptions
{
    public const string None = "none";

    public Option<string[]> Header { get; } = new("--header")
    {
        Description = "A header added to every delivery, NAME=VALUE or NAME=@FILE (value read from FILE); repeat for more.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> Headers { get; } = new("--headers") { Description = "none removes every custom header (update only)." };

    public Option<string?> Auth { get; } = new("--auth") { Description = "How the endpoint authenticates deliveries: basic, bearer, oauth2, mtls, or none." };

    public Option<string?> Username { get; } = new("--auth-username") { Description = "basic: the user name." };

    public Option<string?> Password { get; } = new("--auth-password") { Description = "basic: the password, or @FILE to read it from a file." };

    public Option<string?> Token { get; } = new("--auth-token") { Description = "bearer: the token, or @FILE to read it from a file." };

    public Option<string?> TokenUrl { get; } = new("--token-url") { Description = "oauth2: the https URL of the token endpoint." };

    public Option<string?> ClientId { get; } = new("--client-id") { Description = "oauth2: the client id." };

    public Option<string?> ClientSecret { get; } = new("--client-secret") { Description = "oauth2: the client secret, or @FILE to read it from a file." };

    public Option<string?> Scope { get; } = new("--scope") { Description = "oauth2: the scopes to ask for, space-separated. Default: none." };

    public Option<string?> CertificateFile { get; } = new("--certificate-file") { Description = "mtls: the PEM file of the client certificate (and its chain)." };

    public Option<string?> PrivateKeyFile { get; } = new("--private-key-file") { Description = "mtls: the PEM file of the certificate's unencrypted private key." };

    public EndpointOptions(bool update)
    {
        Auth.AcceptOnlyFromAmong(update ? ["basic", "bearer", "oauth2", "mtls", None] : ["basic", "bearer", "oauth2", "mtls"]);
        Headers.AcceptOnlyFromAmong(None);
    }

    public Symbol[] All => [Header, Headers, Auth, Username, Password, Token, TokenUrl, ClientId, ClientSecret, Scope, CertificateFile, PrivateKeyFile];

    /// <summary>The headers given, or null for none.</summary>
    public Dictionary<string, string>? HeadersOf(Invocation run)
    {
        if (run.Value(Header) is not { Length: > 0 } given)
        {
            return null;
        }
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in given)
        {
            var equals = header.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException($"--header must be NAME=VALUE or NAME=@FILE; '{header}' has no name before '='.");
            }
            headers[header[..equals]] = Secret(header[(equals + 1)..], $"--header {header[..equals]}")!;
        }
        return headers;
    }

    /// <summary>The auth given, or null for none (also for <c>--auth none</c>).</summary>
    public WebhookAuth? AuthOf(Invocation run) => run.Value(Auth) switch
    {
        "basic" => new BasicWebhookAuth { Username = Need(run, Username, "basic"), Password = Secret(Need(run, Password, "basic"), Password.Name)! },
        "bearer" => new BearerWebhookAuth { Token = Secret(Need(run, Token, "bearer"), Token.Name)! },
        "oauth2" => new OAuth2WebhookAuth
        {
            TokenUrl = Need(run, TokenUrl, "oauth2"),
            ClientId = Need(run, ClientId, "oauth2"),
            ClientSecret = Secret(Need(run, ClientSecret, "oauth2"), ClientSecret.Name)!,
            Scope = run.Value(Scope),
        },
        "mtls" => new MtlsWebhookAuth { Certificate = File(Need(run, CertificateFile, "mtls"), CertificateFile.Name), PrivateKey = File(Need(run, PrivateKeyFile, "mtls"), PrivateKeyFile.Name) },
        _ => null,
    };

    private static string Need(Invocation run, Option<string?> option, string type) =>
        run.Value(option) ?? throw new CliException($"--auth {type} needs {option.Name}.");

    private static string? Secret(string value, string what) => value.StartsWith('@') ? File(value[1..], what).TrimEnd('\r', '\n') : value;

    private static string File(string path, string what)
    {
        try
        {
            return System.IO.File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new CliException($"{what}: cannot read '{path}': {e.Message}");
        }
    }
}
