namespace Libromi.Connect.Webhooks.Events;

/// <summary>The delivery an operational event is about.</summary>
/// <param name="Id">The delivery id, such as <c>dlv_42</c>; <c>GET /api/v1/deliveries/{id}</c> has its attempt log.</param>
/// <param name="EventId">The event it carried, such as <c>evt_01JD7Q8T5V3K2M4N6P8R0S2T4V</c>.</param>
/// <param name="EventType">The type of that event, such as <c>message.received</c>.</param>
/// <param name="Attempts">How many attempts it has had, the one that decided included.</param>
public sealed record DeliveryReference(string Id, string EventId, string EventType, int Attempts);
