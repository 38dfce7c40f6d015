using Libromi.Connect.Server.Api;

namespace Libromi.Connect.Server.Events;

/// <summary>What the event list's query must be: the errors by field, or null with the page read.</summary>
public static class EventValidation
{
    public static Dictionary<string, string[]>? List(string? type, string? limit, string? cursor, out PageRequest page)
    {
        if (PageRequest.Parse(limit, cursor, "evt", out page) is { } errors)
        {
            return errors;
        }
        var validator = new Validator();
        if (type is not null && EventCatalog.Find(type) is null)
        {
            validator.Add("type", $"'{type}' is not an event type. Valid types: {string.Join(", ", EventCatalog.All.Select(t => t.Name))}.");
        }
        return validator.Errors();
    }
}
