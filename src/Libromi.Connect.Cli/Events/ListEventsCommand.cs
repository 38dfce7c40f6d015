using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;
using Libromi.Connect.Cli.Output;

namespace Libromi.Connect.Cli.Events;

/// <summary><c>libromi events list [--type t] [--limit n]</c></summary>
internal static class ListEventsCommand
{
    public static Command Create(CliContext context)
    {
        var type = new Option<string?>("--type") { Description = "Only events of this type, such as message.received. Default: all." };
        var limit = CommonOptions.Limit();
        return context.Command("list", "List events, newest first.", run => ExecuteAsync(run, run.Value(type), run.Value(limit)), type, limit);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string? type, int limit)
    {
        var events = await run.Client.Events.ListAsync(type, Math.Min(limit, 100), run.CancellationToken).Take(limit).ToListAsync(run.CancellationToken);
        run.Output.Show(events.Select(EventView.Of).ToList(), o => o.Table(["ID", "TYPE", "CREATED"], events.Select(e => new[] { e.Id, e.Type, Cells.Time(e.CreatedAt) })));
        return 0;
    }
}
