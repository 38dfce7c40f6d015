using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Events;

/// <summary><c>libromi events …</c>: what happened in the account.</summary>
internal static class EventsCommand
{
    public static Command Create(CliContext context) => new("events", "Read the account's events, exactly as webhooks receive them.")
    {
        ListEventsCommand.Create(context),
        GetEventCommand.Create(context),
    };
}
