using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;
using Libromi.Connect.Client;

namespace Libromi.Connect.Cli.Listen;

/// <summary>
/// <c>libromi listen --forward-to URL [--events a,b]</c>: receives the account's deliveries over a stream from the
/// server and forwards them to a local URL, so no tunnel is needed. ^C ends the session.
/// </summary>
internal static class ListenCommand
{
    private static readonly TimeSpan EndTimeout = TimeSpan.FromSeconds(5);

    public static Command Create(CliContext context)
    {
        var forwardTo = new Option<Uri>("--forward-to", "-f")
        {
            Description = "The local URL to POST each delivery to, such as http://localhost:3000/webhook.",
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
                {
                    return url;
                }
                result.AddError($"--forward-to must be an absolute http or https URL such as http://localhost:3000/webhook; '{text}' is not.");
                return null;
            },
        };
        var events = new Option<string?>("--events", "-e") { Description = "Comma-separated event types to receive. Default: all." };
        return context.Command("listen", "Forward the account's webhook deliveries to a local URL, signed with a per-session secret.",
            run => ExecuteAsync(run, run.Value(forwardTo), CommaList.Split(run.Value(events))), forwardTo, events);
    }

    private static async Task<int> ExecuteAsync(Invocation run, Uri forwardTo, IReadOnlyList<string>? events)
    {
        var session = await run.Client.Listen.StartAsync(events, run.CancellationToken);
        using var forwarder = new LocalForwarder(forwardTo, run.Time);
        try
        {
            await new SessionRelay(run, session, forwarder).RunAsync(run.CancellationToken);
            return 0;
        }
        catch (OperationCanceledException) when (run.CancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            await EndAsync(run, session);
        }
    }

    private static async Task EndAsync(Invocation run, ListenSession session)
    {
        using var timeout = new CancellationTokenSource(EndTimeout, run.Time);
        try
        {
            await run.Client.Listen.EndAsync(session.Id, timeout.Token);
            run.Output.Note($"Ended listen session {session.Id}.");
        }
        catch (Exception e) when (e is LibromiApiException or OperationCanceledException)
        {
            // Not fatal: an abandoned session expires on its own 24 hours after it was last connected.
            run.Output.Warning($"Could not end listen session {session.Id} ({e.Message}); it expires on its own.");
        }
    }
}
