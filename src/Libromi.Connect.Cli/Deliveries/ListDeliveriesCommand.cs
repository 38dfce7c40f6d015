using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;
using Libromi.Connect.Client;

namespace Libromi.Connect.Cli.Deliveries;

/// <summary><c>libromi deliveries list --webhook ID [--status s] [--limit n]</c></summary>
internal static class ListDeliveriesCommand
{
    public static Command Create(CliContext context)
    {
        var webhook = new Option<string>("--webhook") { Description = "The webhook's (or listen session's) id, whk_….", Required = true };
        var status = new Option<DeliveryStatus?>("--status") { Description = "Only deliveries in this state: pending, succeeded, failed or cancelled. Default: all." };
        var limit = CommonOptions.Limit();
        return context.Command("list", "List a webhook's deliveries, newest first.",
            run => ExecuteAsync(run, run.Value(webhook), run.Value(status), run.Value(limit)), webhook, status, limit);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string webhookId, DeliveryStatus? status, int limit)
    {
        var deliveries = await run.Client.Deliveries.ListAsync(webhookId, status, Math.Min(limit, 100), run.CancellationToken)
            .Take(limit).ToListAsync(run.CancellationToken);
        run.Output.Show(deliveries, o => o.Table(DeliveryView.Headers, deliveries.Select(DeliveryView.Row)));
        return 0;
    }
}
