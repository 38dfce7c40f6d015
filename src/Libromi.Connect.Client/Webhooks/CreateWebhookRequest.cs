using System.Text.Json;

namespace Libromi.Connect.Client;

/// <summary>A new webhook for <see cref="WebhooksClient.CreateAsync"/>.</summary>
public sealed record CreateWebhookRequest
{
    /// <summary>The absolute http or https URL that will receive the events; required.</summary>
    public required string Url { get; init; }

    /// <summary>
    /// The event types to receive, such as <c>message.received</c> and <c>contact.created</c>, or <c>["*"]</c> for the
    /// platform's five; the operational <c>delivery.failed</c>, <c>webhook.disabled</c> and <c>webhook.recovered</c> are
    /// named to be received. Required. <see cref="EventsClient.ListTypesAsync"/> lists them.
    /// </summary>
    public required IReadOnlyList<string> Events { get; init; }

    /// <summary>A note for people, at most 500 characters. Default: none.</summary>
    public string? Description { get; init; }

    /// <summary>Whether events are delivered. Default: true.</summary>
    public bool? Enabled { get; init; }

    /// <summary>
    /// <c>none</c> or <c>contact</c> (the deliveries of events about one contact go one at a time, in order); see
    /// <see cref="Webhook.Ordering"/>. Default: <c>none</c>.
    /// </summary>
    public string? Ordering { get; init; }

    /// <summary>The most deliveries per second the endpoint receives, from 1 to 10,000. Default: no limit.</summary>
    public int? RateLimit { get; init; }

    /// <summary>
    /// Conditions on the event a delivery must meet, a JSON object of paths in dot notation from the envelope's root and
    /// operators, such as <c>{"data.message.content": {"$contains": "order"}}</c>; see the server's docs/webhooks.md
    /// "Filters". Default: none, every subscribed event is delivered.
    /// </summary>
    public JsonElement? Filter { get; init; }

    /// <summary>
    /// Headers added to every delivery, name to value: RFC 9110 names other than those the platform sets, values of
    /// visible ASCII; at most 20. Write-only: reads answer hints. Default: none.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>How the endpoint authenticates the deliveries, such as <c>new BearerWebhookAuth { Token = "…" }</c>. Default: none.</summary>
    public WebhookAuth? Auth { get; init; }

    /// <summary>
    /// <see cref="WebhookSigning.Hmac"/> or <see cref="WebhookSigning.Ed25519"/>, which gives the webhook a key pair and
    /// adds a <c>v1a</c> signature to every delivery. Default: <see cref="WebhookSigning.Hmac"/>.
    /// </summary>
    public string? Signing { get; init; }
}
