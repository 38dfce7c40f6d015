using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Webhooks;

/// <summary><c>libromi webhooks test ID</c></summary>
internal static class TestWebhookCommand
{
    public static Command Create(CliContext context)
    {
        var id = CommonOptions.Id("webhook", "whk");
        return context.Command("test", "Send a webhook.test event to this endpoint alone.", run => ExecuteAsync(run, run.Value(id)), id);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string id)
    {
        var sent = await run.Client.Webhooks.TestAsync(id, run.CancellationToken);
        run.Output.Show(sent, o => o.Line($"Sent event {sent.EventId}; follow it with: libromi deliveries get {sent.DeliveryId}"));
        return 0;
    }
}
