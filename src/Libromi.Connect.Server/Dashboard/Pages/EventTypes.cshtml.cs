using Libromi.Connect.Server.Events;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Server.Dashboard.Pages;

/// <summary>"Event types": the catalog, as <c>GET /api/v1/event-types</c> answers it, each with an example of its data.</summary>
public sealed class EventTypesModel : DashboardPage
{
    public override string Section => "event-types";

    public IReadOnlyList<EventType> Types => EventCatalog.All;

    public static string Example(EventType type) => Format.Json(WebhookEventSerializer.SerializeDataToNode(type.Example).ToJsonString());

    public void OnGet()
    {
    }
}
