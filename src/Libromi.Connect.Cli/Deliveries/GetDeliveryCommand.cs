using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Deliveries;

/// <summary><c>libromi deliveries get ID</c></summary>
internal static class GetDeliveryCommand
{
    public static Command Create(CliContext context)
    {
        var id = CommonOptions.Id("delivery", "dlv");
        return context.Command("get", "Show one delivery with every attempt.", run => ExecuteAsync(run, run.Value(id)), id);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string id)
    {
        DeliveryView.Print(run.Output, await run.Client.Deliveries.GetAsync(id, run.CancellationToken));
        return 0;
    }
}
