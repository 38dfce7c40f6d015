namespace Libromi.Connect.Webhooks.Events;

/// <summary>The webhook a <c>webhook.test</c> ping was sent to, or the one an operational event is about.</summary>
/// <param name="Id">The webhook id, such as <c>whk_01JD7Q8T5V3K2M4N6P8R0S2T4V</c>.</param>
/// <param name="Url">The URL the webhook delivers to.</param>
public sealed record WebhookReference(string Id, string Url);
