using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.ApiKeys;

/// <summary><c>libromi api-keys revoke ID</c></summary>
internal static class RevokeApiKeyCommand
{
    public static Command Create(CliContext context)
    {
        var id = CommonOptions.Id("API key", "key");
        return context.Command("revoke", "Revoke an API key: refused within a second on every server.", run => ExecuteAsync(run, run.Value(id)), id);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string id)
    {
        await run.Client.ApiKeys.RevokeAsync(id, run.CancellationToken);
        run.Output.Show(new { id, revoked = true }, o => o.Line($"Revoked API key {id}."));
        return 0;
    }
}
