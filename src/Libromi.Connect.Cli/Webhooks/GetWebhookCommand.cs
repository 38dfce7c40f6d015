using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Webhooks;

/// <summary><c>libromi webhooks get ID</c></summary>
internal static class GetWebhookCommand
{
    public static Command Create(CliContext context)
    {
        var id = CommonOptions.Id("webhook", "whk");
        return context.Command("get", "Show one webhook; 'webhooks secret' shows its signing secret.", run => ExecuteAsync(run, run.Value(id)), id);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string id)
    {
        WebhookView.Print(run.Output, await run.Client.Webhooks.GetAsync(id, run.CancellationToken));
        return 0;
    }
}
