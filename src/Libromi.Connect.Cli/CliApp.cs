using System.CommandLine;
using Libromi.Connect.Cli.Account;
using Libromi.Connect.Cli.ApiKeys;
using Libromi.Connect.Cli.Contacts;
using Libromi.Connect.Cli.Deliveries;
using Libromi.Connect.Cli.Events;
using Libromi.Connect.Cli.Infrastructure;
using Libromi.Connect.Cli.Listen;
using Libromi.Connect.Cli.Messages;
using Libromi.Connect.Cli.Trigger;
using Libromi.Connect.Cli.Webhooks;

namespace Libromi.Connect.Cli;

/// <summary>The <c>libromi</c> command line, runnable in-process: what <c>Program</c> calls, and what tests call.</summary>
public static class CliApp
{
    /// <summary>Parses <paramref name="args"/> and runs the command they name.</summary>
    /// <param name="args">The arguments, without the program name, such as <c>["webhooks", "list", "--output", "json"]</c>.</param>
    /// <param name="output">Where results go. Tables and colour are used only when this is a console not redirected; otherwise plain text.</param>
    /// <param name="error">Where problems, warnings and parse errors go.</param>
    /// <param name="cancellationToken">Stops the command, as ^C does: <c>listen</c> ends its session and returns.</param>
    /// <returns>The exit code: 0 for success, 1 for a failure or bad arguments, 130 when cancelled.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = new CliContext(new GlobalOptions(), output, error, TimeProvider.System);
        var root = new RootCommand("libromi: forward Libromi Connect webhooks to localhost, trigger events, and manage the API.");
        context.Options.AddTo(root);
        root.Subcommands.Add(ListenCommand.Create(context));
        root.Subcommands.Add(TriggerCommand.Create(context));
        root.Subcommands.Add(WebhooksCommand.Create(context));
        root.Subcommands.Add(EventsCommand.Create(context));
        root.Subcommands.Add(DeliveriesCommand.Create(context));
        root.Subcommands.Add(ContactsCommand.Create(context));
        root.Subcommands.Add(MessagesCommand.Create(context));
        root.Subcommands.Add(ApiKeysCommand.Create(context));
        root.Subcommands.Add(AccountCommand.Create(context));
        return root.Parse(args).InvokeAsync(new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // Program handles ^C itself and cancels the token, so that listen can end its session first.
            ProcessTerminationTimeout = null,
        }, cancellationToken);
    }
}
