using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;
using Libromi.Connect.Cli.Output;

namespace Libromi.Connect.Cli.Webhooks;

/// <summary><c>libromi webhooks secret ID</c></summary>
internal static class WebhookSecretCommand
{
    public static Command Create(CliContext context)
    {
        var id = CommonOptions.Id("webhook", "whk");
        return context.Command("secret", "Show the signing secret, and after a rotation the previous one while it still signs.",
            run => ExecuteAsync(run, run.Value(id)), id);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string id)
    {
        var secret = await run.Client.Webhooks.GetSecretAsync(id, run.CancellationToken);
        var fields = new List<(string, string?)> { ("secret", secret.Secret) };
        if (secret.PreviousSecret is not null)
        {
            fields.Add(("previous secret", secret.PreviousSecret));
            fields.Add(("previous secret expires", Cells.Time(secret.PreviousSecretExpiresAt)));
        }
        run.Output.Show(secret, o => o.Record(fields));
        return 0;
    }
}
