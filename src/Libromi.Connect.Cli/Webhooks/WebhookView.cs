using Libromi.Connect.Cli.Output;
using Libromi.Connect.Client;

namespace Libromi.Connect.Cli.Webhooks;

/// <summary>How a webhook prints: a row in lists, a record on its own.</summary>
internal static class WebhookView
{
    public static readonly string[] Headers = ["ID", "URL", "EVENTS", "ENABLED", "CREATED"];

    public static string?[] Row(Webhook w) => [w.Id, w.Url, Cells.List(w.Events), w.Enabled ? "yes" : "no", Cells.Time(w.CreatedAt)];

    /// <summary>The auth's type and public fields, with the hints the API answered in place of its secrets.</summary>
    public static string Auth(WebhookAuthInfo? auth) => auth switch
    {
        null => "none",
        { Type: "basic" } => $"basic (username {auth.Username}, password {auth.Password})",
        { Type: "bearer" } => $"bearer (token {auth.Token})",
        { Type: "oauth2" } => $"oauth2 (token url {auth.TokenUrl}, client id {auth.ClientId}, client secret {auth.ClientSecret}{(auth.Scope is null ? "" : $", scope {auth.Scope}")})",
        { Type: "mtls" } => $"mtls (certificate {auth.CertificateSubject}, expires {Cells.Time(auth.CertificateExpiresAt)}, sha256 {auth.CertificateSha256})",
        _ => auth.Type,
    };

    /// <summary>The secret is printed only where the API answered it: after create and rotate-secret.</summary>
    public static void Print(CliOutput output, Webhook w) => output.Show(w, o => o.Record(
    [
        ("id", w.Id),
        ("url", w.Url),
        ("events", Cells.List(w.Events)),
        ("description", w.Description),
        ("enabled", w.Enabled ? "yes" : $"no ({w.DisabledReason})"),
        ("ordering", w.Ordering),
        ("rate limit", w.RateLimit is { } rate ? $"{rate}/s" : "none"),
        ("filter", w.Filter?.GetRawText() ?? "none"),
        ("headers", w.Headers is { } headers ? string.Join(", ", headers.Select(h => $"{h.Key}: {h.Value}")) : "none"),
        ("auth", Auth(w.Auth)),
        ("signing", w.Signing),
        .. w.PublicKey is null ? [] : new[] { ("public key", (string?)w.PublicKey) },
        .. w.PreviousPublicKey is null ? [] : new[] { ("previous public key", (string?)w.PreviousPublicKey) },
        .. w.Secret is null ? [] : new[] { ("secret", (string?)w.Secret) },
        ("previous secret expires", Cells.Time(w.PreviousSecretExpiresAt)),
        ("created", Cells.Time(w.CreatedAt)),
        ("updated", Cells.Time(w.UpdatedAt)),
    ]));
}
