using System.CommandLine;
using System.Text.Json;
using Libromi.Connect.Cli.Infrastructure;
using Libromi.Connect.Cli.Output;

namespace Libromi.Connect.Cli.Events;

/// <summary><c>libromi events get ID</c></summary>
internal static class GetEventCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = Libromi.Connect.Webhooks.Json.MinimalJsonEncoder.Instance };

    public static Command Create(CliContext context)
    {
        var id = CommonOptions.Id("event", "evt");
        return context.Command("get", "Show one event with its data.", run => ExecuteAsync(run, run.Value(id)), id);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string id)
    {
        var e = await run.Client.Events.GetAsync(id, run.CancellationToken);
        run.Output.Show(EventView.Of(e), o =>
        {
            o.Record([("id", e.Id), ("type", e.Type), ("created", Cells.Time(e.CreatedAt))]);
            o.Line(JsonSerializer.Serialize(e.RawData, Indented));
        });
        return 0;
    }
}
