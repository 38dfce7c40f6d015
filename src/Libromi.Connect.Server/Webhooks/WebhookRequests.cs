using System.Text.Json;
using Libromi.Connect.Server.Hosting;
using Libromi.Connect.Server.Webhooks.Auth;
using Libromi.Connect.Server.Webhooks.Filters;

namespace Libromi.Connect.Server.Webhooks;

/// <summary>
/// Body of <c>POST /api/v1/webhooks</c>. <c>events</c> names catalog types, or <c>["*"]</c> for the platform's five (not the operational ones); <c>ordering</c> is
/// <c>none</c> (the default) or <c>contact</c>; <c>rate_limit</c> is deliveries per second, absent or null for no limit;
/// <c>filter</c> the conditions an event must meet to be delivered, absent or null for none; <c>headers</c> (name to value)
/// are added to every delivery; <c>auth</c> is how the endpoint authenticates them; <c>signing</c> is <c>hmac</c> (the
/// default) or <c>ed25519</c>, which makes the webhook a key pair.
/// </summary>
public sealed record CreateWebhookRequest(string? Url, string[]? Events, string? Description, bool? Enabled, string? Ordering = null, int? RateLimit = null,
    [property: OpenApiNullableObject(WebhookFilter.Described)] JsonElement? Filter = null,
    IReadOnlyDictionary<string, string?>? Headers = null, WebhookAuthRequest? Auth = null, string? Signing = null);

/// <summary>
/// Body of <c>PATCH /api/v1/webhooks/{id}</c>: absent fields stay; <c>enabled: true</c> re-enables a disabled webhook.
/// <c>rate_limit</c>, <c>filter</c>, <c>headers</c> and <c>auth</c> are read as raw JSON because absent (keep) and null
/// (remove) mean different things. <c>headers</c> replaces all the headers; <c>auth</c> replaces the auth. A header value
/// or secret sent back as its current hint keeps the stored value. <c>signing</c> switches the scheme: to <c>ed25519</c>
/// makes a new key pair, to <c>hmac</c> drops it.
/// </summary>
public sealed record UpdateWebhookRequest(string? Url, string[]? Events, string? Description, bool? Enabled, string? Ordering,
    [property: OpenApiNullableInteger(1, WebhookValidation.MaxRateLimit)] JsonElement RateLimit,
    [property: OpenApiNullableObject(WebhookFilter.Described)] JsonElement Filter,
    [property: OpenApiLike(nameof(CreateWebhookRequest))] JsonElement Headers,
    [property: OpenApiLike(nameof(CreateWebhookRequest))] JsonElement Auth, string? Signing = null);

/// <summary>Body of <c>POST /api/v1/webhooks/{id}/recover</c>: re-queue the failed deliveries created since this time.</summary>
public sealed record RecoverWebhookRequest(DateTimeOffset? Since);

/// <summary>Answer of <c>POST /api/v1/webhooks/{id}/recover</c>.</summary>
public sealed record RecoverWebhookResponse(int Recovered);

/// <summary>Answer of <c>POST /api/v1/webhooks/{id}/test</c>: the ping's event and its delivery, to follow it.</summary>
public sealed record TestWebhookResponse(string EventId, string DeliveryId);

/// <summary>
/// Answer of <c>GET /api/v1/webhooks/{id}/secret</c>: the secret that signs deliveries and, during the grace period of a
/// rotation, the previous one that still signs too (both null once it has expired).
/// </summary>
public sealed record WebhookSecretResponse(string Secret, string? PreviousSecret, DateTimeOffset? PreviousSecretExpiresAt);
