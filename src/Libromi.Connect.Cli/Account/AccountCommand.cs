using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;
using Libromi.Connect.Cli.Output;

namespace Libromi.Connect.Cli.Account;

/// <summary><c>libromi account get</c> and <c>libromi account set-region REGION|none</c>.</summary>
internal static class AccountCommand
{
    public static Command Create(CliContext context)
    {
        var region = new Argument<string>("region") { Description = "An ISO 3166 alpha-2 code such as GB, or \"none\" for international numbers only." };
        return new("account", "Show the account, and set the region national phone numbers are read in.")
        {
            context.Command("get", "Show the account and its default region.",
                async run => Print(run.Output, await run.Client.Account.GetAsync(run.CancellationToken))),
            context.Command("set-region", "Read phone numbers in national format (\"07700 900123\") in this region; \"none\": international format only.",
                async run =>
                {
                    var value = run.Value(region);
                    var code = string.Equals(value, "none", StringComparison.OrdinalIgnoreCase) ? null : value;
                    return Print(run.Output, await run.Client.Account.SetDefaultRegionAsync(code, run.CancellationToken));
                }, region),
        };
    }

    private static int Print(CliOutput output, Client.Account a)
    {
        output.Show(a, o => o.Record(
        [
            ("id", a.Id),
            ("name", a.Name),
            ("default region", a.DefaultRegion ?? "none (international numbers only)"),
            ("created", Cells.Time(a.CreatedAt)),
        ]));
        return 0;
    }
}
