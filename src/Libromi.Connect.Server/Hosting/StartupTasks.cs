using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Hosting;

/// <summary>Runs before the server accepts requests: schema migration, then (on API nodes) the first account.</summary>
public sealed partial class StartupTasks(Database database, ApiKeys keys, NodeOptions node, IConfiguration configuration, ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken);
        if (database is Storage.Sqlite.SqliteDatabase { ConvertedToIncrementalVacuum: true })
        {
            LogVacuumConverted(logger);
        }
        if (database is Storage.Sqlite.SqliteDatabase { SetAsideLeftovers: { Count: > 0 } setAside } sqlite)
        {
            LogStartedEmpty(logger, sqlite.DataSource, string.Join(", ", setAside));
        }
        LogMigrated(logger, database.ProviderName);
        if (node.ServesApi)
        {
            await AccountBootstrap.RunAsync(keys, configuration, logger, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Store ready ({Provider}); schema is up to date")]
    private static partial void LogMigrated(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Storage:SqliteStartEmpty: started a new, empty SQLite store at {Path}; the lost database's leftovers were renamed aside to {SetAside}. Remove the setting now")]
    private static partial void LogStartedEmpty(ILogger logger, string path, string setAside);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "SQLite database converted to auto_vacuum=INCREMENTAL (a one-off VACUUM), so the retention purge can give free space back")]
    private static partial void LogVacuumConverted(ILogger logger);
}
