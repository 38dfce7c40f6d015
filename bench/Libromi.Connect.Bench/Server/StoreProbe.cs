using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Libromi.Connect.Bench.Server;

/// <summary>
/// Reads the server's store directly to see what is recorded: its SQLite file (WAL lets a reader run beside the server)
/// or its PostgreSQL database (the schema is the same).
/// </summary>
public sealed class StoreProbe
{
    private readonly Func<DbConnection> _connect;

    // The SQLite file, or null for PostgreSQL.
    private readonly string? _databasePath;

    private StoreProbe(Func<DbConnection> connect, string? databasePath)
    {
        _connect = connect;
        _databasePath = databasePath;
    }

    public static StoreProbe Sqlite(string databasePath)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        return new StoreProbe(() => new SqliteConnection(connectionString), databasePath);
    }

    public static StoreProbe Postgres(string connectionString)
    {
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        return new StoreProbe(() => new NpgsqlConnection(unpooled), null);
    }

    /// <summary>What the store takes on disk: the SQLite file and its WAL, or the PostgreSQL database.</summary>
    public Task<long> SizeAsync(CancellationToken cancellationToken) => _databasePath is { } path
        ? Task.FromResult(new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0))
        : ScalarAsync("SELECT pg_database_size(current_database())", cancellationToken);

    /// <summary>
    /// The bytes each of <paramref name="tables"/> takes with its indexes (on PostgreSQL, with all its partitions). SQLite
    /// has no per-table sizes here (no dbstat), so a compacted copy of the file loses one table at a time and each drop's
    /// pages are that table's.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> TableBytesAsync(IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        var bytes = new Dictionary<string, long>();
        if (_databasePath is null)
        {
            foreach (var table in tables)
            {
                // pg_partition_tree lists nothing for a table that is not partitioned.
                bytes[table] = await ScalarAsync(
                    $"SELECT COALESCE((SELECT SUM(pg_total_relation_size(relid)) FROM pg_partition_tree('{table}')), pg_total_relation_size('{table}'))", cancellationToken);
            }
            return bytes;
        }
        var copy = _databasePath + ".sizes";
        File.Delete(copy);
        await ScalarAsync($"VACUUM INTO '{copy}'", cancellationToken);
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken);
            var before = await PagesAsync(connection, cancellationToken);
            foreach (var table in tables)
            {
                await using (var drop = connection.CreateCommand())
                {
                    drop.CommandText = $"DROP TABLE {table}; VACUUM;";
                    await drop.ExecuteNonQueryAsync(cancellationToken);
                }
                var after = await PagesAsync(connection, cancellationToken);
                bytes[table] = before - after;
                before = after;
            }
            return bytes;
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static async Task<long> PagesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public Task<long> CountAsync(string table, CancellationToken cancellationToken) => ScalarAsync($"SELECT COUNT(*) FROM {table}", cancellationToken);

    public Task<long> PendingAsync(CancellationToken cancellationToken) =>
        ScalarAsync("SELECT COUNT(*) FROM deliveries WHERE status = 0", cancellationToken);

    public Task<long> SucceededAsync(CancellationToken cancellationToken) =>
        ScalarAsync("SELECT COUNT(*) FROM deliveries WHERE status = 1", cancellationToken);

    public Task<long> AttemptsAsync(CancellationToken cancellationToken) =>
        ScalarAsync("SELECT COUNT(*) FROM delivery_attempts", cancellationToken);

    /// <summary>Pending deliveries of webhooks whose URL contains <paramref name="urlPart"/>.</summary>
    public Task<long> PendingForAsync(string urlPart, CancellationToken cancellationToken) =>
        ScalarAsync($"SELECT COUNT(*) FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.status = 0 AND w.url LIKE '%{urlPart}%'", cancellationToken);

    /// <summary>Polls until no delivery is pending; returns the Stopwatch timestamp it saw that at, or null on timeout.</summary>
    public async Task<long?> WaitUntilNonePendingAsync(Func<CancellationToken, Task<long>> pending, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await pending(cancellationToken) == 0)
            {
                return System.Diagnostics.Stopwatch.GetTimestamp();
            }
            await Task.Delay(25, cancellationToken);
        }
        return null;
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = _connect();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
