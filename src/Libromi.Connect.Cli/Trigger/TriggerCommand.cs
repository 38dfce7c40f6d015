using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Trigger;

/// <summary><c>libromi trigger EVENT-TYPE</c>: does something real that emits that event.</summary>
internal static class TriggerCommand
{
    public static Command Create(CliContext context)
    {
        var eventType = new Argument<string>("event-type") { Description = "The event to cause: " + string.Join(", ", TriggerActions.All.Keys) + "." };
        eventType.AcceptOnlyFromAmong([.. TriggerActions.All.Keys]);
        return context.Command("trigger", "Perform a realistic action that emits an event, with test contacts.",
            run => ExecuteAsync(run, run.Value(eventType)), eventType);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string eventType)
    {
        var result = await TriggerActions.All[eventType](run.Client, run.CancellationToken);
        run.Output.Show(result, o => o.Line($"Triggered {result.EventType}: {result.Done}"));
        return 0;
    }
}
