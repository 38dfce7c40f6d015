using System.Globalization;
using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Webhooks;

/// <summary><c>libromi webhooks update ID [--url URL] [--events a,b] [--description text] [--enabled true|false] [--ordering none|contact] [--rate-limit N|none] [--filter JSON|none] [--header NAME=VALUE]… [--headers none] [--auth TYPE …|none] [--signing hmac|ed25519]</c></summary>
internal static class UpdateWebhookCommand
{
    public static Command Create(CliContext context)
    {
        var id = CommonOptions.Id("webhook", "whk");
        var url = new Option<string?>("--url") { Description = "A new URL. Default: unchanged." };
        var events = new Option<string?>("--events") { Description = "New comma-separated event types, replacing the current ones. Default: unchanged." };
        var description = new Option<string?>("--description") { Description = "A new note; \"\" removes it. Default: unchanged." };
        var enabled = new Option<bool?>("--enabled") { Description = "false stops delivery; true resumes it, also after the server disabled it. Default: unchanged." };
        var ordering = WebhookOptions.Ordering("contact: one delivery at a time per contact, in order; none: any order. Default: unchanged.");
        var rateLimit = new Option<string?>("--rate-limit") { Description = "The most deliveries per second the endpoint receives, or none to remove the limit. Default: unchanged." };
        var endpoint = new EndpointOptions(update: true);
        rateLimit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && value != "none" && !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                result.AddError($"--rate-limit must be a whole number of deliveries per second, or none; '{value}' is neither.");
            }
        });
        var filter = WebhookOptions.Filter("New conditions on the event a delivery must meet, as JSON, or none to remove the filter. Default: unchanged.", none: true);
        var signing = WebhookOptions.Signing("ed25519: add an Ed25519 key pair (v1a signatures); hmac: drop it. Default: unchanged.");
        return context.Command("update", "Change a webhook; options left out keep their values.",
            run => ExecuteAsync(run, run.Value(id), new()
            {
                Url = run.Value(url),
                Events = CommaList.Split(run.Value(events)),
                Description = run.Value(description),
                Enabled = run.Value(enabled),
                Ordering = run.Value(ordering),
                RateLimit = int.TryParse(run.Value(rateLimit), NumberStyles.Integer, CultureInfo.InvariantCulture, out var rate) ? rate : null,
                RemoveRateLimit = run.Value(rateLimit) == "none",
                Filter = WebhookOptions.ParseFilter(run.Value(filter)),
                RemoveFilter = run.Value(filter) == "none",
                Headers = endpoint.HeadersOf(run),
                RemoveHeaders = run.Value(endpoint.Headers) == EndpointOptions.None,
                Auth = endpoint.AuthOf(run),
                RemoveAuth = run.Value(endpoint.Auth) == EndpointOptions.None,
                Signing = run.Value(signing),
            }),
            [id, url, events, description, enabled, ordering, rateLimit, filter, .. endpoint.All, signing]);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string id, Client.UpdateWebhookRequest changes)
    {
        WebhookView.Print(run.Output, await run.Client.Webhooks.UpdateAsync(id, changes, run.CancellationToken));
        return 0;
    }
}
