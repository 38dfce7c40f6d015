using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Server.Events;

/// <summary>One entry of the event catalog. <see cref="Bit"/> is its flag in a webhook's subscription mask.</summary>
public sealed record EventType(string Name, long Bit, string Description, bool Subscribable, IWebhookEventData Example);
