namespace Libromi.Connect.Server.Webhooks;

/// <summary>
/// A registered endpoint. <see cref="Secret"/> signs every delivery; after a rotation <see cref="PreviousSecretExpiresAt"/>
/// says until when the previous secret signs too. <see cref="DisabledReason"/> explains why delivery stopped, if it did.
/// </summary>
public sealed record Webhook(
    string Id,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    bool Enabled,
    string? DisabledReason,
    string Secret,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
