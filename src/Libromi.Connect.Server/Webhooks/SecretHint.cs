namespace Libromi.Connect.Server.Webhooks;

/// <summary>
/// What a read answers in place of a write-only value: "…" followed by its last four characters when it has at least
/// twelve (fewer would give too much of a short secret away), else "…" alone. A PATCH that sends a field's current
/// hint back keeps the stored value, so a form can be round-tripped without knowing the secret.
/// </summary>
public static class SecretHint
{
    public const string Ellipsis = "…";

    public static string Of(string value) => value.Length >= 12 ? Ellipsis + value[^4..] : Ellipsis;

    /// <summary>True when <paramref name="sent"/> is the hint of <paramref name="current"/>: the sender means "keep it".</summary>
    public static bool Keeps(string? sent, string? current) => sent is not null && current is not null && sent == Of(current);
}
