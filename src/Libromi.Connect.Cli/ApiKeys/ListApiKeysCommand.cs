using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.ApiKeys;

/// <summary><c>libromi api-keys list [--limit n]</c></summary>
internal static class ListApiKeysCommand
{
    public static Command Create(CliContext context)
    {
        var limit = CommonOptions.Limit();
        return context.Command("list", "List the account's API keys, newest first (never the keys themselves).", run => ExecuteAsync(run, run.Value(limit)), limit);
    }

    private static async Task<int> ExecuteAsync(Invocation run, int limit)
    {
        var keys = await run.Client.ApiKeys.ListAsync(Math.Min(limit, 100), run.CancellationToken).Take(limit).ToListAsync(run.CancellationToken);
        run.Output.Show(keys, o => o.Table(ApiKeyView.Headers, keys.Select(ApiKeyView.Row)));
        return 0;
    }
}
