using Libromi.Connect.Server.Retention;
using Libromi.Connect.Server.Storage.Postgres;
using Libromi.Connect.Server.Storage.Postgres.Partitions;
using Libromi.Connect.Server.Storage.Sqlite;

namespace Libromi.Connect.Server.Storage;

/// <summary>Every storage provider the server can run on: the one place that names them (see docs/architecture.md).</summary>
public static class StorageProviders
{
    public static IReadOnlyList<StorageProvider> All { get; } =
    [
        new("sqlite", (options, _, time) => new SqliteDatabase(options, time)),
        new("postgres", (options, retention, time) => new PostgresDatabase(options, time, retention.PartitionInterval),
            services => services.AddHostedService<PostgresWakeListener>(),
            services =>
            {
                services.AddSingleton<IPurgeStep, PartitionMaintenance>();
                services.AddSingleton<IRowPurgeHorizon, PartitionHorizon>();
            }),
    ];

    /// <summary>The provider named <paramref name="name"/> (any case); throws naming the supported ones otherwise.</summary>
    public static StorageProvider Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException(
            $"Storage:Provider '{name}' is not supported. Use {string.Join(" or ", All.Select(p => $"'{p.Name}'"))}.");
}
