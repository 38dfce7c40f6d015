using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.ApiKeys;

/// <summary><c>libromi api-keys create --name N [--scope full|read]</c></summary>
internal static class CreateApiKeyCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "A name to recognise the key by.", Required = true };
        var scope = new Option<string?>("--scope") { Description = "\"full\" or \"read\" (GET requests only). Default: full." };
        scope.AcceptOnlyFromAmong("full", "read");
        return context.Command("create", "Create an API key; the key is printed this once and never again.",
            run => ExecuteAsync(run, new() { Name = run.Value(name), Scope = run.Value(scope) }), name, scope);
    }

    private static async Task<int> ExecuteAsync(Invocation run, Client.CreateApiKeyRequest request)
    {
        ApiKeyView.Print(run.Output, await run.Client.ApiKeys.CreateAsync(request, run.CancellationToken));
        run.Output.Note("Store the key now: it is not shown again.");
        return 0;
    }
}
