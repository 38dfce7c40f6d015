using Libromi.Connect.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Accounts.Portal;

/// <summary><c>POST /api/v1/portal-sessions</c>: a one-time link that signs a person into the dashboard for the calling account.</summary>
public static class PortalSessionsApi
{
    public static RouteGroupBuilder MapPortalSessionsApi(this RouteGroupBuilder api)
    {
        // Not idempotent on purpose, like API keys: a remembered answer would keep the link's token in the store.
        api.MapPost("/portal-sessions", Create).WithTags("Portal sessions");
        return api;
    }

    private static async Task<Results<Created<PortalSession>, ValidationFailed>> Create(PortalSessionRequest? request, PortalSessions sessions, Caller caller,
        IOptions<ApiOptions> options, HttpContext http, CancellationToken cancellationToken)
    {
        var seconds = request?.ExpiresIn ?? (long)PortalSessions.DefaultLifetime.TotalSeconds;
        if (seconds < PortalSessions.MinLifetime.TotalSeconds || seconds > PortalSessions.MaxLifetime.TotalSeconds)
        {
            return new ValidationFailed("expires_in",
                $"'expires_in' must be a whole number of seconds from {PortalSessions.MinLifetime.TotalSeconds} to {PortalSessions.MaxLifetime.TotalSeconds}; it is {seconds}.");
        }
        var baseUrl = options.Value.PublicUrl ?? new Uri($"{http.Request.Scheme}://{http.Request.Host}/");
        return TypedResults.Created(default(string), await sessions.CreateAsync(caller.AccountId, TimeSpan.FromSeconds(seconds), baseUrl, cancellationToken));
    }
}
