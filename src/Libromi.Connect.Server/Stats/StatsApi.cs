using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Libromi.Connect.Server.Stats;

/// <summary><c>/api/v1/stats</c> and <c>/api/v1/webhooks/{id}/stats</c>: outcomes, success rate, attempt durations and backlog, from rollups.</summary>
public static class StatsApi
{
    public static RouteGroupBuilder MapStatsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/stats", Account).WithTags("Stats");
        api.MapGet("/webhooks/{id}/stats", Webhook).WithTags("Stats");
        return api;
    }

    private static async Task<Ok<StatsView>> Account([AsParameters] StatsServices s) =>
        TypedResults.Ok(await s.Stats.ForAccountAsync(s.Caller.AccountId, s.CancellationToken));

    private static async Task<Results<Ok<StatsView>, NotFoundProblem>> Webhook(string id, [AsParameters] StatsServices s) =>
        await s.Stats.ForWebhookAsync(s.Caller.AccountId, id, s.CancellationToken) is { } stats ? TypedResults.Ok(stats) : new NotFoundProblem("webhook", id);
}

/// <summary>What every <see cref="StatsApi"/> handler is given (bound with <c>[AsParameters]</c>).</summary>
public sealed record StatsServices(StatsService Stats, Caller Caller, CancellationToken CancellationToken);
