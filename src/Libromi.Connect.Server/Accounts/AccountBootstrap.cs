namespace Libromi.Connect.Server.Accounts;

/// <summary>
/// Makes sure someone can call the API after the first start: the account of <c>LIBROMI_API_KEY</c> when it is set,
/// otherwise a new account whose key is printed once (to the console, never to the log). <c>LIBROMI_API_KEY</c> is
/// checked at start (<see cref="BootstrapKeyOptions"/>): at least <see cref="ApiKeys.MinKeyLength"/> characters.
/// </summary>
public static partial class AccountBootstrap
{
    public static async Task RunAsync(ApiKeys keys, IConfiguration configuration, ILogger logger, CancellationToken cancellationToken)
    {
        var configured = configuration["LIBROMI_API_KEY"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            // Revoked counts as existing: the account keeps it revoked rather than getting it back (or a second account) at a restart.
            if (await keys.ExistsAsync(configured.Trim(), cancellationToken))
            {
                // A key stored before prefixes were kept gets its prefix now that its text is known again.
                await keys.FillPrefixAsync(configured.Trim(), cancellationToken);
            }
            else
            {
                try
                {
                    await keys.CreateAccountAsync(configured.Trim(), "Default account", cancellationToken);
                    LogCreatedFromEnvironment(logger);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // Nodes starting together race to create it; losing that race is fine, failing to store it is not.
                    if (!await keys.ExistsAsync(configured.Trim(), cancellationToken))
                    {
                        throw;
                    }
                }
            }
            return;
        }
        if (await keys.CountAccountsAsync(cancellationToken) == 0)
        {
            var key = ApiKeys.NewKey();
            await keys.CreateAccountAsync(key, "Default account", cancellationToken);
            Console.WriteLine($"""

                Libromi Connect created your first account. Its API key is shown only this once:

                    {key}

                Use it as 'Authorization: Bearer {key}', or start the server with LIBROMI_API_KEY set.

                """);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the account for the API key in LIBROMI_API_KEY")]
    private static partial void LogCreatedFromEnvironment(ILogger logger);
}
