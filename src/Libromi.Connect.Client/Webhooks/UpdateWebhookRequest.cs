using System.Text.Json;
using System.Text.Json.Serialization;

namespace Libromi.Connect.Client;

/// <summary>Changes for <see cref="WebhooksClient.UpdateAsync"/>; every property left null keeps its current value.</summary>
public sealed record UpdateWebhookRequest
{
    /// <summary>A new URL. Default: unchanged.</summary>
    public string? Url { get; init; }

    /// <summary>New event types, replacing the current ones. Default: unchanged.</summary>
    public IReadOnlyList<string>? Events { get; init; }

    /// <summary>A new note; an empty string removes it. Default: unchanged.</summary>
    public string? Description { get; init; }

    /// <summary>False stops delivery; true resumes it, also for a webhook the server disabled. Default: unchanged.</summary>
    public bool? Enabled { get; init; }

    /// <summary><c>none</c> or <c>contact</c>; see <see cref="Webhook.Ordering"/>. Default: unchanged.</summary>
    public string? Ordering { get; init; }

    /// <summary>A new limit in deliveries per second, from 1 to 10,000. Default: unchanged.</summary>
    [JsonIgnore]
    public int? RateLimit { get; init; }

    /// <summary>True removes the rate limit (takes precedence over <see cref="RateLimit"/>). Default: false.</summary>
    [JsonIgnore]
    public bool RemoveRateLimit { get; init; }

    /// <summary>
    /// <see cref="WebhookSigning.Hmac"/> drops the key pair; <see cref="WebhookSigning.Ed25519"/> makes a new one unless the
    /// webhook already signs so. Default: unchanged.
    /// </summary>
    public string? Signing { get; init; }

    // The wire field: absent keeps the limit, null removes it, a number sets it.
    [JsonInclude]
    [JsonPropertyName("rate_limit")]
    internal FieldChange? RateLimitField => FieldChange.Of(RemoveRateLimit, RateLimit);

    /// <summary>A new filter, replacing the current one; see <see cref="CreateWebhookRequest.Filter"/>. Default: unchanged.</summary>
    [JsonIgnore]
    public JsonElement? Filter { get; init; }

    /// <summary>True removes the filter, so every subscribed event is delivered (takes precedence over <see cref="Filter"/>). Default: false.</summary>
    [JsonIgnore]
    public bool RemoveFilter { get; init; }

    // The wire field: absent keeps the filter, null removes it, an object sets it.
    [JsonInclude]
    [JsonPropertyName("filter")]
    internal FieldChange? FilterField => FieldChange.Of(RemoveFilter, Filter);

    /// <summary>
    /// New headers, replacing all the current ones; a value equal to the hint a read answered keeps that header's
    /// stored value. Default: unchanged.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>True removes every custom header (takes precedence over <see cref="Headers"/>). Default: false.</summary>
    [JsonIgnore]
    public bool RemoveHeaders { get; init; }

    /// <summary>
    /// A new auth, replacing the current one; with the same type, a secret equal to the hint a read answered keeps the
    /// stored secret. Default: unchanged.
    /// </summary>
    [JsonIgnore]
    public WebhookAuth? Auth { get; init; }

    /// <summary>True removes the auth (takes precedence over <see cref="Auth"/>). Default: false.</summary>
    [JsonIgnore]
    public bool RemoveAuth { get; init; }

    [JsonInclude]
    [JsonPropertyName("headers")]
    internal FieldChange? HeadersField => FieldChange.Of(RemoveHeaders, Headers);

    [JsonInclude]
    [JsonPropertyName("auth")]
    internal FieldChange? AuthField => FieldChange.Of(RemoveAuth, Auth);
}
