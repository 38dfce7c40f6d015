using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Libromi.Connect.Server.Storage.Sqlite;

/// <summary>
/// The embedded default: one SQLite file in WAL mode. SQLite allows one writer at a time, so writers queue on an
/// in-process async lock instead of spinning on SQLITE_BUSY; readers run alongside them.
/// </summary>
public sealed class SqliteDatabase : Database
{
    private readonly string _connectionString;
    private readonly string _synchronous;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public SqliteDatabase(StorageOptions options)
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString ?? "Data Source=libromi.db")
        {
            Pooling = true,
            DefaultTimeout = 30,
        };
        _connectionString = builder.ToString();
        _synchronous = options.SqliteSynchronous.ToUpperInvariant() switch
        {
            "FULL" => "FULL",
            "EXTRA" => "EXTRA",
            _ => "NORMAL",
        };
        DataSource = builder.DataSource;
    }

    public string DataSource { get; }

    public override string ProviderName => "sqlite";

    public override SqlDialect Sql { get; } = new SqliteDialect();

    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await OpenAsync(cancellationToken))
        {
            await using var wal = connection.Sql("PRAGMA journal_mode=WAL;");
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var scope = await BeginWriteAsync(cancellationToken);
        await Migrator.ApplyAsync(scope, SqliteSchema.Migrations, cancellationToken);
        await scope.CommitAsync(cancellationToken);
    }

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.Sql($"PRAGMA synchronous={_synchronous}; PRAGMA busy_timeout=30000;");
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync();
            throw new StoreUnavailableException($"Cannot open the SQLite database '{DataSource}': {e.Message}", e);
        }
    }

    public override async Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var connection = await OpenAsync(cancellationToken);
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new WriteScope(connection, transaction, () => _writeLock.Release());
        }
        catch
        {
            _writeLock.Release();
            throw;
        }
    }

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    public override ValueTask DisposeAsync()
    {
        _writeLock.Dispose();
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}
