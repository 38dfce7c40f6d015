using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Webhooks;

/// <summary><c>libromi webhooks create --url URL --events a,b [--description text] [--disabled]</c></summary>
internal static class CreateWebhookCommand
{
    public static Command Create(CliContext context)
    {
        var url = new Option<string>("--url") { Description = "The http or https URL that receives the events.", Required = true };
        var events = new Option<string>("--events") { Description = "Comma-separated event types, or * for all.", Required = true };
        var description = new Option<string?>("--description") { Description = "A note for people. Default: none." };
        var disabled = new Option<bool>("--disabled") { Description = "Create it without delivering yet. Default: enabled." };
        return context.Command("create", "Register a webhook endpoint; prints its signing secret.",
            run => ExecuteAsync(run, run.Value(url), run.Value(events), run.Value(description), run.Value(disabled)),
            url, events, description, disabled);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string url, string events, string? description, bool disabled)
    {
        var webhook = await run.Client.Webhooks.CreateAsync(new()
        {
            Url = url,
            Events = CommaList.Split(events)!,
            Description = description,
            Enabled = disabled ? false : null,
        }, run.CancellationToken);
        WebhookView.Print(run.Output, webhook);
        return 0;
    }
}
