using System.Text.Json;

namespace Libromi.Connect.Client;

/// <summary>Something that happened in the account, exactly as webhooks receive it.</summary>
public sealed record Event
{
    /// <summary>The event's id, starting with <c>evt_</c>; the same in every delivery of the event.</summary>
    public required string Id { get; init; }

    /// <summary>The event type, such as <c>message.received</c>.</summary>
    public required string Type { get; init; }

    /// <summary>When the event happened.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The event's data as JSON; its shape depends on <see cref="Type"/> (see <see cref="EventType.ExampleData"/>).</summary>
    public JsonElement Data { get; init; }
}
