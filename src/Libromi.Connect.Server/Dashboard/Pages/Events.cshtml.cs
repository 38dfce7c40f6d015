using System.Text;
using System.Text.Json;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Events;

namespace Libromi.Connect.Server.Dashboard.Pages;

/// <summary>"Events": the account's event log, newest first, filtered by type; an id opens that event with its body formatted.</summary>
public sealed class EventsModel(EventService events) : DashboardPage
{
    public override string Section => "events";

    public sealed record Row(string Id, string Type, string CreatedAt);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public string? Type { get; private set; }

    public string? Id { get; private set; }

    /// <summary>The opened event's body as webhooks receive it; null when <see cref="Id"/> names none.</summary>
    public string? Body { get; private set; }

    public string? Error { get; private set; }

    public static IEnumerable<string> TypeNames => EventCatalog.All.Select(t => t.Name);

    public async Task OnGetAsync(string? type, string? id, string? cursor)
    {
        Type = string.IsNullOrWhiteSpace(type) ? null : type.Trim();
        Id = string.IsNullOrWhiteSpace(id) ? null : id.Trim();
        if (Id is not null && await events.FindAsync(AccountId, Id, Aborted) is { } body)
        {
            Body = Encoding.UTF8.GetString(body);
        }
        if (EventValidation.List(Type, "25", cursor, out var page) is { } errors)
        {
            Error = string.Join(" ", errors.SelectMany(e => e.Value));
            Type = null;
            EventValidation.List(null, "25", null, out page);
        }
        using var list = JsonDocument.Parse(await events.ListAsync(AccountId, Type, page, Aborted));
        Rows = list.RootElement.GetProperty("data").EnumerateArray()
            .Select(e => new Row(e.GetProperty("id").GetString()!, e.GetProperty("type").GetString()!, e.GetProperty("created_at").GetString()!))
            .ToList();
        NextCursor = list.RootElement.GetProperty("next_cursor").GetString();
    }

    public string Link(string? id, string? cursor = null)
    {
        var query = new List<string>();
        if (Type is not null)
        {
            query.Add("type=" + Uri.EscapeDataString(Type));
        }
        if (id is not null)
        {
            query.Add("id=" + Uri.EscapeDataString(id));
        }
        if (cursor is not null)
        {
            query.Add("cursor=" + Uri.EscapeDataString(cursor));
        }
        return "/dashboard/events" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }
}
