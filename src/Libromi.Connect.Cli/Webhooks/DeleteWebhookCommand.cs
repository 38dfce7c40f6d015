using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Webhooks;

/// <summary><c>libromi webhooks delete ID</c></summary>
internal static class DeleteWebhookCommand
{
    public static Command Create(CliContext context)
    {
        var id = CommonOptions.Id("webhook", "whk");
        return context.Command("delete", "Delete a webhook with its deliveries and their logs.", run => ExecuteAsync(run, run.Value(id)), id);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string id)
    {
        await run.Client.Webhooks.DeleteAsync(id, run.CancellationToken);
        run.Output.Show(new { id, deleted = true }, o => o.Line($"Deleted webhook {id}."));
        return 0;
    }
}
