using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Stats;
using Libromi.Connect.Server.Webhooks;

namespace Libromi.Connect.Server.Dashboard.Pages.Webhooks;

/// <summary>"Webhooks": the account's webhooks, 25 to a page, with their state and success rate over the last day.</summary>
public sealed class WebhooksModel(WebhookService webhooks, StatsService stats) : DashboardPage
{
    public override string Section => "webhooks";

    public IReadOnlyList<(Webhook Webhook, double? SuccessRate)> Rows { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(string? cursor)
    {
        if (PageRequest.Parse("25", cursor, "whk", out var request) is not null)
        {
            request = new PageRequest(25, null);
        }
        var page = await webhooks.ListAsync(AccountId, request, Aborted);
        var rows = new List<(Webhook, double?)>(page.Data.Count);
        foreach (var webhook in page.Data)
        {
            rows.Add((webhook, (await stats.ForWebhookAsync(AccountId, webhook.Id, Aborted))?.LastDay.SuccessRate));
        }
        Rows = rows;
        NextCursor = page.NextCursor;
    }
}
