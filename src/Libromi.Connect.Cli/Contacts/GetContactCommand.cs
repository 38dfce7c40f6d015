using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Contacts;

/// <summary><c>libromi contacts get ID</c></summary>
internal static class GetContactCommand
{
    public static Command Create(CliContext context)
    {
        var id = CommonOptions.Id("contact", "con");
        return context.Command("get", "Show one contact.", run => ExecuteAsync(run, run.Value(id)), id);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string id)
    {
        ContactView.Print(run.Output, await run.Client.Contacts.GetAsync(id, run.CancellationToken));
        return 0;
    }
}
