using System.Text.Json;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Cli.Events;

/// <summary>An event for <c>--output json</c>: the envelope as the API answers it, not the parsed record's extra members.</summary>
internal sealed record EventView(string Id, string Type, DateTimeOffset CreatedAt, JsonElement Data)
{
    public static EventView Of(WebhookEvent e) => new(e.Id, e.Type, e.CreatedAt, e.RawData);
}
