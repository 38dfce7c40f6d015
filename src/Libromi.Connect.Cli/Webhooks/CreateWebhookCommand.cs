using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Webhooks;

/// <summary><c>libromi webhooks create --url URL --events a,b [--description text] [--disabled] [--ordering none|contact] [--rate-limit N] [--filter JSON] [--header NAME=VALUE]… [--auth TYPE …] [--signing hmac|ed25519]</c></summary>
internal static class CreateWebhookCommand
{
    public static Command Create(CliContext context)
    {
        var url = new Option<string>("--url") { Description = "The http or https URL that receives the events.", Required = true };
        var events = new Option<string>("--events") { Description = "Comma-separated event types, or * for all.", Required = true };
        var description = new Option<string?>("--description") { Description = "A note for people. Default: none." };
        var disabled = new Option<bool>("--disabled") { Description = "Create it without delivering yet. Default: enabled." };
        var ordering = WebhookOptions.Ordering("contact: one delivery at a time per contact, in the order the events happened. Default: none.");
        var rateLimit = new Option<int?>("--rate-limit") { Description = "The most deliveries per second the endpoint receives. Default: no limit." };
        var filter = WebhookOptions.Filter("Conditions on the event a delivery must meet, as JSON (see docs/webhooks.md, Filters). Default: none.", none: false);
        var signing = WebhookOptions.Signing("ed25519: also sign each delivery with an Ed25519 key pair (v1a), verified with the printed public key. Default: hmac.");
        var endpoint = new EndpointOptions(update: false);
        return context.Command("create", "Register a webhook endpoint; prints its signing secret.",
            run => ExecuteAsync(run, new()
            {
                Url = run.Value(url),
                Events = CommaList.Split(run.Value(events))!,
                Description = run.Value(description),
                Enabled = run.Value(disabled) ? false : null,
                Ordering = run.Value(ordering),
                RateLimit = run.Value(rateLimit),
                Filter = WebhookOptions.ParseFilter(run.Value(filter)),
                Headers = endpoint.HeadersOf(run),
                Auth = endpoint.AuthOf(run),
                Signing = run.Value(signing),
            }),
            [url, events, description, disabled, ordering, rateLimit, filter, .. endpoint.All, signing]);
    }

    private static async Task<int> ExecuteAsync(Invocation run, Client.CreateWebhookRequest request)
    {
        var webhook = await run.Client.Webhooks.CreateAsync(request, run.CancellationToken);
        WebhookView.Print(run.Output, webhook);
        return 0;
    }
}
