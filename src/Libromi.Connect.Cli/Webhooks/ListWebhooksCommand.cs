using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Webhooks;

/// <summary><c>libromi webhooks list [--limit n]</c></summary>
internal static class ListWebhooksCommand
{
    public static Command Create(CliContext context)
    {
        var limit = CommonOptions.Limit();
        return context.Command("list", "List webhooks, newest first.", run => ExecuteAsync(run, run.Value(limit)), limit);
    }

    private static async Task<int> ExecuteAsync(Invocation run, int limit)
    {
        var webhooks = await run.Client.Webhooks.ListAsync(Math.Min(limit, 100), run.CancellationToken).Take(limit).ToListAsync(run.CancellationToken);
        run.Output.Show(webhooks, o => o.Table(WebhookView.Headers, webhooks.Select(WebhookView.Row)));
        return 0;
    }
}
