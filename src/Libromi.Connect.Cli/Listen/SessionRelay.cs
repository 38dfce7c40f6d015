using System.Globalization;
using Libromi.Connect.Cli.Infrastructure;
using Libromi.Connect.Cli.Output;
using Libromi.Connect.Client;

namespace Libromi.Connect.Cli.Listen;

/// <summary>
/// Keeps one listen session connected: streams its deliveries, forwards each one while the next arrive, prints a line
/// per delivery and reports the local answer. A dropped stream or a restarting server is waited out with backoff and
/// the same session is reconnected; the server then sends again what it could not deliver meanwhile.
/// </summary>
internal sealed class SessionRelay(Invocation run, ListenSession session, LocalForwarder forwarder)
{
    private readonly ReconnectDelay _delay = new();
    private readonly List<Task> _inFlight = [];
    private bool _connectedBefore;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                try
                {
                    await foreach (var delivery in run.Client.Listen.StreamAsync(session.Id, OnConnected, cancellationToken))
                    {
                        _inFlight.RemoveAll(t => t.IsCompleted);
                        _inFlight.Add(HandleAsync(delivery, cancellationToken));
                    }
                    run.Output.Note("The server closed the stream; reconnecting.");
                }
                catch (LibromiApiException e) when (e.IsTransient)
                {
                    run.Output.Warning($"Lost the connection to the server ({e.Detail}); reconnecting.");
                }
                await Task.Delay(_delay.Next(), run.Time, cancellationToken);
            }
        }
        finally
        {
            // Each forward finishes or stops on the same token; none may outlive the session.
            try
            {
                await Task.WhenAll(_inFlight);
            }
            catch (OperationCanceledException)
            {
                // Cancelled with the command: the server retries what it got no answer for.
            }
        }
    }

    private void OnConnected()
    {
        _delay.Reset();
        if (_connectedBefore)
        {
            run.Output.Note("Reconnected; deliveries missed meanwhile follow.");
            return;
        }
        _connectedBefore = true;
        if (run.Output.IsJson)
        {
            run.Output.Json(new ListenStarted(session.Id, session.Secret, session.Events, forwarder.Target), indented: false);
            return;
        }
        run.Output.Line($"Ready! Your webhook signing secret is {session.Secret} (^C to quit)", "bold");
        run.Output.Line($"Forwarding {Cells.List(session.Events)} to {forwarder.Target} (session {session.Id}).", "grey");
    }

    private async Task HandleAsync(RelayedDelivery delivery, CancellationToken cancellationToken)
    {
        var at = run.Time.GetLocalNow();
        var result = await forwarder.ForwardAsync(delivery, cancellationToken);
        Print(at, delivery, result);
        try
        {
            await run.Client.Listen.ReportAsync(session.Id, result, cancellationToken);
        }
        catch (LibromiApiException e)
        {
            // The server forgets tickets when it restarts or stops waiting; the delivery is then retried and forwarded again.
            run.Output.Warning($"Could not report the answer for {delivery.DeliveryId}: {e.Message}");
        }
    }

    private void Print(DateTimeOffset at, RelayedDelivery delivery, ListenResult result)
    {
        if (run.Output.IsJson)
        {
            run.Output.Json(new ForwardedLine(at, delivery.EventType, delivery.EventId, delivery.DeliveryId, delivery.Attempt,
                result.StatusCode, result.DurationMs, result.Error), indented: false);
            return;
        }
        var outcome = result.StatusCode is { } code ? $"[{code}]" : $"[ERR] {result.Error}";
        var retry = delivery.Attempt > 1 ? $"  (attempt {delivery.Attempt})" : "";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{at:yyyy-MM-dd HH:mm:ss}  {delivery.EventType,-18}  {delivery.EventId}  {outcome}  {result.DurationMs} ms{retry}");
        run.Output.Line(line, result.StatusCode is >= 200 and < 300 ? "green" : "red");
    }
}
