using System.Text.Json;
using System.Text.Json.Serialization;
using Libromi.Connect.Server.Webhooks.Auth;
using Libromi.Connect.Server.Hosting;
using Libromi.Connect.Server.Webhooks.Filters;

namespace Libromi.Connect.Server.Webhooks;

/// <summary>
/// A registered endpoint. <see cref="Secret"/> signs every delivery; it is answered only by create and rotate-secret
/// (everywhere else it is left out: read it with <c>GET /webhooks/{id}/secret</c>). After a rotation
/// <see cref="PreviousSecretExpiresAt"/> says until when the previous secret signs too. <see cref="DisabledReason"/>
/// explains why delivery stopped, if it did. <see cref="Ordering"/> is <c>none</c> or <c>contact</c> (deliveries about
/// one contact go one at a time, in commit order); <see cref="RateLimit"/> caps deliveries per second, null for none.
/// <see cref="Filter"/> holds the conditions an event must meet to be delivered (see <c>Filters/</c>), null for none.
/// <see cref="Headers"/> (name to the value's hint) and <see cref="Auth"/> are answered without their secrets; null for none.
/// <see cref="Signing"/> is <c>hmac</c> or <c>ed25519</c>; an <c>ed25519</c> webhook answers its <see cref="PublicKey"/>
/// and, after a rotation, the <see cref="PreviousPublicKey"/> that signs too until <see cref="PreviousSecretExpiresAt"/>
/// (both null for <c>hmac</c>). Its private key is never answered.
/// </summary>
public sealed record Webhook(
    string Id,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    bool Enabled,
    string? DisabledReason,
    string Ordering,
    int? RateLimit,
    [property: OpenApiNullableObject(WebhookFilter.Described)] JsonElement? Filter,
    IReadOnlyDictionary<string, string>? Headers,
    WebhookAuthView? Auth,
    string Signing,
    string? PublicKey,
    string? PreviousPublicKey,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
