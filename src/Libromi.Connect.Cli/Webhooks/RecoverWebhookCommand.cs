using System.CommandLine;
using System.Globalization;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Webhooks;

/// <summary><c>libromi webhooks recover ID --since TIME</c></summary>
internal static class RecoverWebhookCommand
{
    public static Command Create(CliContext context)
    {
        var id = CommonOptions.Id("webhook", "whk");
        var since = new Option<DateTimeOffset?>("--since")
        {
            Description = "Recover failed deliveries created at or after this time (ISO 8601, such as 2025-01-31T09:00:00Z). Default: 24 hours ago.",
        };
        return context.Command("recover", "Queue the webhook's failed deliveries for one more attempt.",
            run => ExecuteAsync(run, run.Value(id), run.Value(since) ?? run.Time.GetUtcNow().AddHours(-24)), id, since);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string id, DateTimeOffset since)
    {
        var recovered = await run.Client.Webhooks.RecoverAsync(id, since, run.CancellationToken);
        run.Output.Show(new { recovered }, o => o.Line(string.Create(CultureInfo.InvariantCulture,
            $"Queued {recovered} failed deliveries of {id} since {since:u} again.")));
        return 0;
    }
}
