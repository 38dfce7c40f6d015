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

    private StoreProbe(Func<DbConnection> connect) => _connect = connect;

    public static StoreProbe Sqlite(string databasePath)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        return new StoreProbe(() => new SqliteConnection(connectionString));
    }

    public static StoreProbe Postgres(string connectionString)
    {
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        return new StoreProbe(() => new NpgsqlConnection(unpooled));
    }

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
