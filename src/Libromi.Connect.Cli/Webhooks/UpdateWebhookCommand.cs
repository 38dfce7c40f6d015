using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Webhooks;

/// <summary><c>libromi webhooks update ID [--url URL] [--events a,b] [--description text] [--enabled true|false]</c></summary>
internal static class UpdateWebhookCommand
{
    public static Command Create(CliContext context)
    {
        var id = CommonOptions.Id("webhook", "whk");
        var url = new Option<string?>("--url") { Description = "A new URL. Default: unchanged." };
        var events = new Option<string?>("--events") { Description = "New comma-separated event types, replacing the current ones. Default: unchanged." };
        var description = new Option<string?>("--description") { Description = "A new note; \"\" removes it. Default: unchanged." };
        var enabled = new Option<bool?>("--enabled") { Description = "false stops delivery; true resumes it, also after the server disabled it. Default: unchanged." };
        return context.Command("update", "Change a webhook; options left out keep their values.",
            run => ExecuteAsync(run, run.Value(id), new()
            {
                Url = run.Value(url),
                Events = CommaList.Split(run.Value(events)),
                Description = run.Value(description),
                Enabled = run.Value(enabled),
            }),
            id, url, events, description, enabled);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string id, Client.UpdateWebhookRequest changes)
    {
        WebhookView.Print(run.Output, await run.Client.Webhooks.UpdateAsync(id, changes, run.CancellationToken));
        return 0;
    }
}
