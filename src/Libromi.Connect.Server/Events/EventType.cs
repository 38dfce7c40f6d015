using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Server.Events;

/// <summary>
/// One entry of the event catalog. <see cref="Bit"/> is its flag in a webhook's subscription mask. An
/// <see cref="Operational"/> event is one the delivery engine emits about deliveries and webhooks; <c>["*"]</c> leaves it out.
/// </summary>
public sealed record EventType(string Name, long Bit, string Description, bool Subscribable, IWebhookEventData Example, bool Operational = false);
