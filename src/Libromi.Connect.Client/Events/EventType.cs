using System.Text.Json;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Client;

/// <summary>One entry of the event catalog.</summary>
public sealed record EventType
{
    /// <summary>The type's name, such as <c>contact.created</c>.</summary>
    public required string Name { get; init; }

    /// <summary>When the event happens.</summary>
    public required string Description { get; init; }

    /// <summary>Whether a webhook can name this type in its events; false for <c>webhook.test</c>, which goes to one endpoint on request.</summary>
    public bool Subscribable { get; init; }

    /// <summary>
    /// Whether this is an operational event (<c>delivery.failed</c>, <c>webhook.disabled</c>, <c>webhook.recovered</c>):
    /// one the delivery engine emits about deliveries and webhooks. A webhook names it to get it; <c>["*"]</c> leaves it out.
    /// </summary>
    public bool Operational { get; init; }

    /// <summary>An example of the event's <c>data</c>, in the shape of its record in <c>Libromi.Connect.Webhooks.Events</c> (such as <see cref="ContactCreated"/>).</summary>
    public JsonElement ExampleData { get; init; }
}
