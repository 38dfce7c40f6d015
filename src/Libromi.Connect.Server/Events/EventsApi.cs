using Libromi.Connect.Server.Api;
using Libromi.Connect.Webhooks.Events;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Libromi.Connect.Server.Events;

/// <summary>
/// <c>/api/v1/events</c> and <c>/api/v1/event-types</c>. Events are answered with the exact bytes that webhooks receive.
/// </summary>
public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/events", List).WithTags("Events").Produces(StatusCodes.Status200OK, contentType: "application/json");
        api.MapGet("/events/{id}", Get).WithTags("Events").Produces(StatusCodes.Status200OK, contentType: "application/json");
        api.MapGet("/event-types", Types).WithTags("Events");
        return api;
    }

    private static async Task<Results<JsonBytesResult, ValidationFailed>> List(string? type, string? limit, string? cursor, [AsParameters] EventServices s) =>
        EventValidation.List(type, limit, cursor, out var page) is { } errors
            ? new ValidationFailed(errors)
            : new JsonBytesResult(await s.Events.ListAsync(s.Caller.AccountId, type, page, s.CancellationToken));

    private static async Task<Results<JsonBytesResult, NotFoundProblem>> Get(string id, [AsParameters] EventServices s) =>
        await s.Events.FindAsync(s.Caller.AccountId, id, s.CancellationToken) is { } payload
            ? new JsonBytesResult(payload)
            : new NotFoundProblem("event", id);

    private static Ok<Page<EventTypeView>> Types() =>
        TypedResults.Ok(new Page<EventTypeView>(EventCatalog.All.Select(t => new EventTypeView(t.Name, t.Description, t.Subscribable,
            t.Operational, WebhookEventSerializer.SerializeDataToNode(t.Example))).ToList(), null));

    /// <summary>A catalog entry with an example of its <c>data</c>; <c>operational</c> ones are named to subscribe, <c>["*"]</c> leaves them out.</summary>
    public sealed record EventTypeView(string Name, string Description, bool Subscribable, bool Operational, System.Text.Json.Nodes.JsonObject ExampleData);
}
