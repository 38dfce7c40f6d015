using Libromi.Connect.Server.Listen;

namespace Libromi.Connect.Server.Dashboard.Pages;

/// <summary>"Listen sessions": the <c>libromi listen</c> sessions that are live, newest first, each with its deliveries.</summary>
public sealed class ListenSessionsModel(ListenService listen, TimeProvider time) : DashboardPage
{
    public override string Section => "listen-sessions";

    public IReadOnlyList<ListenSessionView> Sessions { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync()
    {
        Now = time.GetUtcNow();
        Sessions = await listen.ListAsync(AccountId, Aborted);
    }
}
