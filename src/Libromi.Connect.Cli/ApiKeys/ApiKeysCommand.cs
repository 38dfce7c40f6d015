using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.ApiKeys;

/// <summary><c>libromi api-keys …</c></summary>
internal static class ApiKeysCommand
{
    public static Command Create(CliContext context) => new("api-keys", "Create, list and revoke the account's API keys.")
    {
        ListApiKeysCommand.Create(context),
        CreateApiKeyCommand.Create(context),
        RevokeApiKeyCommand.Create(context),
    };
}
