using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Server.Stats;
using Libromi.Connect.Server.Webhooks;

namespace Libromi.Connect.Server.Dashboard.Pages;

/// <summary>"Overview": the account's stats (as <c>GET /api/v1/stats</c> answers them) and the circuits this node holds open.</summary>
public sealed class OverviewModel(StatsService stats, WebhookService webhooks, TimeProvider time, IServiceProvider services) : DashboardPage
{
    public override string Section => "overview";

    public StatsView Stats { get; private set; } = null!;

    public TimeSpan? Lag { get; private set; }

    public int OpenCircuits { get; private set; }

    public async Task OnGetAsync()
    {
        Stats = await stats.ForAccountAsync(AccountId, Aborted);
        Lag = Stats.Backlog.OldestPendingAt is { } oldest ? time.GetUtcNow() - oldest : null;
        if (services.GetService<EndpointGovernor>() is { } governor)
        {
            var page = await webhooks.ListAsync(AccountId, new PageRequest(100, null), Aborted);
            OpenCircuits = page.Data.Count(w => governor.CircuitOf(w.Id)?.HoldsBack == true);
        }
    }
}
