using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Contacts;

/// <summary><c>libromi contacts list [--limit n]</c></summary>
internal static class ListContactsCommand
{
    public static Command Create(CliContext context)
    {
        var limit = CommonOptions.Limit();
        return context.Command("list", "List contacts, newest first.", run => ExecuteAsync(run, run.Value(limit)), limit);
    }

    private static async Task<int> ExecuteAsync(Invocation run, int limit)
    {
        var contacts = await run.Client.Contacts.ListAsync(Math.Min(limit, 100), run.CancellationToken).Take(limit).ToListAsync(run.CancellationToken);
        run.Output.Show(contacts, o => o.Table(ContactView.Headers, contacts.Select(ContactView.Row)));
        return 0;
    }
}
