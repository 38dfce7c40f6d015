using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Webhooks;

/// <summary><c>libromi webhooks rotate-secret ID</c></summary>
internal static class RotateWebhookSecretCommand
{
    public static Command Create(CliContext context)
    {
        var id = CommonOptions.Id("webhook", "whk");
        return context.Command("rotate-secret", "Replace the signing secret; the previous one keeps signing for a grace period.",
            run => ExecuteAsync(run, run.Value(id)), id);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string id)
    {
        WebhookView.Print(run.Output, await run.Client.Webhooks.RotateSecretAsync(id, run.CancellationToken));
        return 0;
    }
}
