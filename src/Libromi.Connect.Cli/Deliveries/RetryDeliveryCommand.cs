using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Deliveries;

/// <summary><c>libromi deliveries retry ID</c></summary>
internal static class RetryDeliveryCommand
{
    public static Command Create(CliContext context)
    {
        var id = CommonOptions.Id("delivery", "dlv");
        return context.Command("retry", "Queue a succeeded or failed delivery for one more attempt now.", run => ExecuteAsync(run, run.Value(id)), id);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string id)
    {
        DeliveryView.Print(run.Output, await run.Client.Deliveries.RetryAsync(id, run.CancellationToken));
        return 0;
    }
}
