using System.Text.Json;
using Libromi.Connect.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Libromi.Connect.Server.Listen;

/// <summary>
/// <c>/api/v1/listen</c>: what <c>libromi listen</c> talks to. A session is a temporary webhook of the account; its
/// deliveries stream to the CLI as server-sent events, and the CLI posts back what the local endpoint answered.
/// </summary>
public static class ListenApi
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapListenApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/listen").WithTags("Listen");
        group.MapPost("/", Start).Idempotent<StartListenRequest>();
        group.MapGet("/{id}/stream", Stream).Produces<RelayedDelivery>(StatusCodes.Status200OK, "text/event-stream");
        group.MapPost("/{id}/results", Report);
        group.MapDelete("/{id}", End);
        return api;
    }

    private static async Task<Results<Created<ListenSession>, ValidationFailed>> Start(StartListenRequest request, [AsParameters] ListenServices s)
    {
        if (ListenValidation.Start(request, out var events) is { } errors)
        {
            return new ValidationFailed(errors);
        }
        return TypedResults.Created(default(string), await s.Sessions.StartAsync(Idempotency.Scope(s.Http), s.Caller.AccountId, events, s.CancellationToken));
    }

    private static async Task<Results<EmptyHttpResult, NotFoundProblem>> Stream(string id, [AsParameters] ListenServices s)
    {
        var http = s.Http;
        var caller = s.Caller;
        // A stopping server ends the stream at once: the listener reconnects to the next server, and shutdown does not
        // wait out its timeout for a response that never finishes on its own.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, s.Lifetime.ApplicationStopping);
        var cancellationToken = ending.Token;
        if (!await s.Sessions.ResumeAsync(caller.AccountId, id, cancellationToken))
        {
            return new NotFoundProblem("listen session", id);
        }

        var connection = s.Sessions.Connect(caller.AccountId, id);
        try
        {
            http.Response.ContentType = "text/event-stream";
            await http.Response.WriteAsync("event: ready\ndata: {}\n\n", cancellationToken);
            await http.Response.Body.FlushAsync(cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                using var beat = new CancellationTokenSource(Heartbeat, s.Time);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, beat.Token);
                string frame;
                try
                {
                    var delivery = await connection.Outgoing.Reader.ReadAsync(wait.Token);
                    frame = "event: delivery\ndata: " + JsonSerializer.Serialize(delivery, ApiJson.Options) + "\n\n";
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    frame = ": keep-alive\n\n";
                }
                await http.Response.WriteAsync(frame, cancellationToken);
                await http.Response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The listener went away; what it missed is retried and requeued when it reconnects.
        }
        finally
        {
            s.Sessions.Disconnect(id, connection);
        }
        return TypedResults.Empty;
    }

    private static Results<Accepted, ValidationFailed, NotFoundProblem> Report(string id, ListenResultRequest request, [AsParameters] ListenServices s)
    {
        if (ListenValidation.Result(request, s.Options.Value.Timeout, out var answer) is { } errors)
        {
            return new ValidationFailed(errors);
        }
        return s.Sessions.Report(s.Caller.AccountId, id, request.Ticket!, answer)
            ? TypedResults.Accepted(default(string))
            : new NotFoundProblem("pending relayed delivery", request.Ticket!);
    }

    private static async Task<Results<NoContent, NotFoundProblem>> End(string id, [AsParameters] ListenServices s) =>
        await s.Sessions.EndAsync(s.Caller.AccountId, id, s.CancellationToken) ? TypedResults.NoContent() : new NotFoundProblem("listen session", id);
}
