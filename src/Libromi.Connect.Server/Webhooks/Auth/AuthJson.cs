using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization;
using Libromi.Connect.Server.Delivery.Transports.Auth;

namespace Libromi.Connect.Server.Webhooks.Auth;

/// <summary>
/// A webhook's <see cref="EndpointAuth"/> as the <c>auth</c> column keeps it (the <see cref="WebhookAuthRequest"/> shape,
/// secrets included, as the <c>secret</c> column keeps the signing secret), and as reads answer it.
/// </summary>
public static class AuthJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string? Json(EndpointAuth? auth) => auth switch
    {
        null => null,
        BasicAuth b => Serialize(new(b.Type, Username: b.Username, Password: b.Password)),
        BearerAuth t => Serialize(new(t.Type, Token: t.Token)),
        OAuth2ClientCredentials o => Serialize(new(o.Type, TokenUrl: o.TokenUrl.OriginalString, ClientId: o.ClientId, ClientSecret: o.ClientSecret, Scope: o.Scope)),
        ClientCertificateAuth m => Serialize(new(m.Type, Certificate: m.CertificatePem, PrivateKey: m.PrivateKeyPem)),
        _ => throw new ArgumentOutOfRangeException(nameof(auth), auth.Type, "No stored form for this auth type."),
    };

    /// <summary>The auth of a column's value; throws <see cref="JsonException"/> or <see cref="FormatException"/> when it is damaged.</summary>
    public static EndpointAuth? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }
        var r = JsonSerializer.Deserialize<WebhookAuthRequest>(json, Options) ?? throw new JsonException("The auth column holds null.");
        return r.Type switch
        {
            BasicAuth.Name => new BasicAuth(Need(r.Username), Need(r.Password)),
            BearerAuth.Name => new BearerAuth(Need(r.Token)),
            OAuth2ClientCredentials.Name => new OAuth2ClientCredentials(new Uri(Need(r.TokenUrl)), Need(r.ClientId), Need(r.ClientSecret), r.Scope),
            ClientCertificateAuth.Name => new ClientCertificateAuth(Need(r.Certificate), Need(r.PrivateKey)),
            _ => throw new FormatException($"Unknown auth type '{r.Type}'."),
        };
    }

    /// <summary>What reads answer: the public fields, and a hint for each secret.</summary>
    public static WebhookAuthView? View(EndpointAuth? auth) => auth switch
    {
        null => null,
        BasicAuth b => new(b.Type) { Username = b.Username, Password = SecretHint.Of(b.Password) },
        BearerAuth t => new(t.Type) { Token = SecretHint.Of(t.Token) },
        OAuth2ClientCredentials o => new(o.Type) { TokenUrl = o.TokenUrl.OriginalString, ClientId = o.ClientId, ClientSecret = SecretHint.Of(o.ClientSecret), Scope = o.Scope },
        ClientCertificateAuth m => CertificateView(m),
        _ => new(auth.Type),
    };

    /// <summary>A private key's hint is "…" alone: the last characters of a PEM are its footer.</summary>
    public const string PrivateKeyHint = SecretHint.Ellipsis;

    private static string Need(string? field) => field ?? throw new FormatException("The stored auth lacks a field its type needs.");

    private static string Serialize(WebhookAuthRequest stored) => JsonSerializer.Serialize(stored, Options);

    private static WebhookAuthView CertificateView(ClientCertificateAuth m)
    {
        var view = new WebhookAuthView(m.Type) { Certificate = m.CertificatePem, PrivateKey = PrivateKeyHint };
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(m.CertificatePem);
            return view with
            {
                CertificateSubject = certificate.Subject,
                CertificateExpiresAt = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                CertificateSha256 = Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256)),
            };
        }
        catch (CryptographicException)
        {
            return view;
        }
    }
}
