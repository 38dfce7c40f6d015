using System.Text.Json;
using System.Text.Json.Serialization;

namespace Libromi.Connect.Client;

/// <summary>An endpoint that receives the events it subscribes to, signed with its secret.</summary>
public sealed record Webhook
{
    /// <summary>The webhook's id, starting with <c>whk_</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The URL events are POSTed to.</summary>
    public required string Url { get; init; }

    /// <summary>The subscribed event types, or <c>["*"]</c> for the platform's five (not the operational ones).</summary>
    public required IReadOnlyList<string> Events { get; init; }

    /// <summary>A note for people, or null.</summary>
    public string? Description { get; init; }

    /// <summary>Whether events are delivered.</summary>
    public bool Enabled { get; init; }

    /// <summary>Why delivery stopped, such as <c>disabled_by_user</c>; null while enabled.</summary>
    public string? DisabledReason { get; init; }

    /// <summary>
    /// <c>none</c>: deliveries go in any order. <c>contact</c>: the deliveries of events about one contact go one at a time,
    /// in the order the events happened; a delivery waiting for its retry holds back only that contact's later ones.
    /// </summary>
    public string Ordering { get; init; } = "none";

    /// <summary>The most deliveries per second the endpoint receives, over every server node; null for no limit.</summary>
    public int? RateLimit { get; init; }

    /// <summary>The custom headers added to every delivery, each name with its value's hint (never the value); null for none.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>How the endpoint authenticates the deliveries, with hints in place of secrets; null for none.</summary>
    public WebhookAuthInfo? Auth { get; init; }
    /// <summary>How deliveries are signed: <see cref="WebhookSigning.Hmac"/> or <see cref="WebhookSigning.Ed25519"/>.</summary>
    public string Signing { get; init; } = WebhookSigning.Hmac;

    /// <summary>
    /// For an <see cref="WebhookSigning.Ed25519"/> webhook, the public key (<c>whpk_</c> plus the base64 of 32 bytes) that
    /// verifies the <c>v1a</c> signatures; null for <see cref="WebhookSigning.Hmac"/>. The private key never leaves the server.
    /// </summary>
    public string? PublicKey { get; init; }

    /// <summary>
    /// After <see cref="WebhooksClient.RotateSecretAsync"/> of an <see cref="WebhookSigning.Ed25519"/> webhook: the public key
    /// of the rotated-out key pair, which signs too until <see cref="PreviousSecretExpiresAt"/>; otherwise null.
    /// </summary>
    public string? PreviousPublicKey { get; init; }

    /// <summary>
    /// The conditions an event must meet to be delivered, on top of <see cref="Events"/>, such as
    /// <c>{"data.contact.attributes.plan": {"$in": ["gold", "pro"]}}</c>, in the server's normalised form; null for no
    /// filter. <see cref="WebhooksClient.TestFilterAsync"/> explains why an event does not match.
    /// </summary>
    public JsonElement? Filter { get; init; }

    /// <summary>
    /// The signing secret (<c>whsec_…</c>); give it to the receiver to verify signatures. Present only in the answers of
    /// <see cref="WebhooksClient.CreateAsync"/> and <see cref="WebhooksClient.RotateSecretAsync"/>; null from reads, lists
    /// and updates. <see cref="WebhooksClient.GetSecretAsync"/> reads it at any time.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }

    /// <summary>After <see cref="WebhooksClient.RotateSecretAsync"/>: until when the previous secret signs too; otherwise null.</summary>
    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }

    /// <summary>When the webhook was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the webhook last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
