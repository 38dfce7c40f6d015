using System.Text.Json;
using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Webhooks;
using Libromi.Connect.Webhooks.Signing;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Listen;

/// <summary>
/// <c>/api/v1/listen</c>: what <c>libromi listen</c> talks to. A session is a temporary webhook of the account; its
/// deliveries stream to the CLI as server-sent events, and the CLI posts back what the local endpoint answered.
/// </summary>
public static class ListenApi
{
    /// <summary>A session lives this long after its listener was last connected.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(24);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapListenApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/listen").WithTags("Listen");
        group.MapPost("/", Start).Produces<ListenSession>(StatusCodes.Status201Created);
        group.MapGet("/{id}/stream", Stream).Produces<RelayedDelivery>(StatusCodes.Status200OK, "text/event-stream");
        group.MapPost("/{id}/results", Report);
        group.MapDelete("/{id}", End);
        return api;
    }

    private static Task<IResult> Start(StartListenRequest request, Caller caller, HttpContext http, Idempotency idempotency, IdGenerator ids, TimeProvider time)
    {
        var validator = new Validator();
        var events = WebhookValidation.Events(validator, request.Events ?? ["*"], required: true);
        validator.ThrowIfInvalid();
        return idempotency.RunAsync(http, caller, request, StatusCodes.Status201Created, async (scope, ct) =>
        {
            var now = time.GetUtcNow();
            var expires = now + SessionLifetime;
            var secret = WebhookSecret.Generate();
            var webhook = new Webhook(ids.New("whk"), ListenStore.SessionUrl, events!.Value.Names, "libromi listen session", true, null,
                secret, null, now, now);
            await WebhookStore.InsertAsync(scope, caller.AccountId, webhook, events.Value.Mask, expires.ToUnixTimeMilliseconds(), ct);
            return new ListenSession(webhook.Id, secret, webhook.Events, expires);
        });
    }

    private static async Task Stream(string id, Caller caller, HttpContext http, Database database, ListenRelay relay, DeliverySignal signal, TimeProvider time,
        IHostApplicationLifetime lifetime)
    {
        // A stopping server ends the stream at once: the listener reconnects to the next server, and shutdown does not
        // wait out its timeout for a response that never finishes on its own.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = ending.Token;
        await using (var scope = await database.BeginWriteAsync(cancellationToken))
        {
            if (!await ListenStore.ExistsAsync(scope, caller.AccountId, id, cancellationToken))
            {
                throw ApiException.NotFound("listen session", id);
            }
            var now = time.GetUtcNow();
            await ListenStore.ExtendAsync(scope, id, (now + SessionLifetime).ToUnixTimeMilliseconds(), cancellationToken);
            await ListenStore.RequeueMissedAsync(scope, id, now.ToUnixTimeMilliseconds(), cancellationToken);
            await scope.CommitAsync(cancellationToken);
        }

        var connection = relay.Connect(caller.AccountId, id);
        try
        {
            http.Response.ContentType = "text/event-stream";
            await http.Response.WriteAsync("event: ready\ndata: {}\n\n", cancellationToken);
            await http.Response.Body.FlushAsync(cancellationToken);
            signal.Notify();
            while (!cancellationToken.IsCancellationRequested)
            {
                using var beat = new CancellationTokenSource(Heartbeat, time);
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
            relay.Disconnect(id, connection);
        }
    }

    private static IResult Report(string id, ListenResultRequest request, Caller caller, ListenRelay relay, IOptions<DeliveryOptions> options)
    {
        var answer = ListenResultValidation.Validate(request, options.Value.Timeout);
        return relay.Complete(caller.AccountId, id, request.Ticket!, answer)
            ? Results.Accepted()
            : throw ApiException.NotFound("pending relayed delivery", request.Ticket!);
    }

    private static async Task<IResult> End(string id, Caller caller, Database database, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        if (!await ListenStore.ExistsAsync(scope, caller.AccountId, id, cancellationToken))
        {
            throw ApiException.NotFound("listen session", id);
        }
        await WebhookStore.DeleteAsync(scope, caller.AccountId, id, cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return Results.NoContent();
    }
}
