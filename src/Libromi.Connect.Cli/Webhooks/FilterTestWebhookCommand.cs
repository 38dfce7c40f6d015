using System.CommandLine;
using System.Text.Json;
using Libromi.Connect.Cli.Infrastructure;
using Libromi.Connect.Client;

namespace Libromi.Connect.Cli.Webhooks;

/// <summary><c>libromi webhooks filter-test ID (--event-id ID | --event-file PATH)</c></summary>
internal static class FilterTestWebhookCommand
{
    public static Command Create(CliContext context)
    {
        var id = CommonOptions.Id("webhook", "whk");
        var eventId = new Option<string?>("--event-id") { Description = "A stored event of this account (evt_…) to test." };
        var eventFile = new Option<FileInfo?>("--event-file") { Description = "A file holding an event's JSON, as a delivery carries it, to test." };
        return context.Command("filter-test", "Tell whether an event would pass the webhook's filter, and why not; changes nothing.",
            run => ExecuteAsync(run, run.Value(id), run.Value(eventId), run.Value(eventFile)), id, eventId, eventFile);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string id, string? eventId, FileInfo? eventFile)
    {
        if ((eventId is null) == (eventFile is null))
        {
            throw new CliException("Give exactly one of --event-id ID (a stored event) and --event-file PATH (an event's JSON).");
        }
        var request = eventFile is null ? new WebhookFilterTestRequest { EventId = eventId } : new WebhookFilterTestRequest { Event = await ReadEventAsync(eventFile, run.CancellationToken) };
        var result = await run.Client.Webhooks.TestFilterAsync(id, request, run.CancellationToken);
        run.Output.Show(result, o =>
        {
            o.Record([("matches", result.Matches ? "yes" : "no"), ("subscribed", result.Subscribed ? "yes" : "no (the webhook's events do not include its type)")]);
            foreach (var reason in result.Reasons)
            {
                o.Line("- " + reason);
            }
        });
        return 0;
    }

    private static async Task<JsonElement> ReadEventAsync(FileInfo file, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(file.FullName, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot read --event-file {file.FullName}: {e.Message}");
        }
        try
        {
            return JsonElement.Parse(text);
        }
        catch (JsonException e)
        {
            throw new CliException($"--event-file {file.FullName} is not JSON: {e.Message}");
        }
    }
}
