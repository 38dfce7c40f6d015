using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Libromi.Connect.Server.Storage.Sqlite;

/// <summary>
/// The embedded default: one SQLite file in WAL mode. SQLite allows one writer at a time: every write goes through the
/// <see cref="GroupCommit"/> writer's own connection (its PRAGMAs set once, when it opens), so writers queue in process
/// instead of spinning on SQLITE_BUSY, and those that queue together commit together. Readers run alongside, on pooled
/// connections that need no PRAGMA (in WAL mode a reader never waits for the writer).
/// </summary>
public sealed class SqliteDatabase : Database
{
    private readonly string _createConnectionString;
    private readonly string _connectionString;
    private readonly string _synchronous;
    private readonly int _busyTimeoutMs;
    private readonly bool _startEmpty;
    private readonly SqliteFileGuard _guard;

    public SqliteDatabase(StorageOptions options, TimeProvider? time = null)
        : base(time)
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString ?? "Data Source=libromi.db")
        {
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy database for up to the command timeout on top of busy_timeout.
            DefaultTimeout = (int)Math.Clamp(Math.Ceiling(options.SqliteBusyTimeout.TotalSeconds), 1, int.MaxValue),
        };
        // Only the migration may create the file: once it exists, a file deleted under the running server must make
        // requests fail (503), not start an empty database that forgets everything acknowledged so far.
        _createConnectionString = builder.ToString();
        if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            builder.Mode = SqliteOpenMode.ReadWrite;
        }
        _connectionString = builder.ToString();
        _synchronous = options.SqliteSynchronous.ToUpperInvariant() switch
        {
            "FULL" => "FULL",
            "EXTRA" => "EXTRA",
            _ => "NORMAL",
        };
        _busyTimeoutMs = (int)Math.Clamp(options.SqliteBusyTimeout.TotalMilliseconds, 0, int.MaxValue);
        _startEmpty = options.SqliteStartEmpty;
        DataSource = builder.DataSource;
        _guard = new SqliteFileGuard(IsInMemory ? DataSource : Path.GetFullPath(DataSource), Time);
        Writer = new GroupCommit(OpenWriterAsync, RefuseChangedFile, IsUnavailable, options, Time, wakeWorkersSql: null, keepStatements: true);
    }

    public string DataSource { get; }

    public override string ProviderName => "sqlite";

    public override SqlDialect Sql { get; } = new SqliteDialect();

    public override GroupCommit Writer { get; }

    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (!IsInMemory)
        {
            SetAsideLeftovers = [.. SetAsideLeftovers, .. SqliteLeftovers.Check(_guard.Path, _startEmpty, Time)];
        }
        try
        {
            await using (var connection = await OpenAsync(_createConnectionString, null, cancellationToken))
            {
                ConvertedToIncrementalVacuum = await UseIncrementalVacuumAsync(connection, cancellationToken);
                await using var wal = connection.Sql("PRAGMA journal_mode=WAL;");
                await wal.ExecuteNonQueryAsync(cancellationToken);
                // Closed for good rather than kept in the pool: nothing may close it later, from another thread, while
                // the writer is setting up the same write-ahead log.
                SqliteConnection.ClearPool((SqliteConnection)connection);
            }
            await using var scope = await BeginWriteAsync(cancellationToken);
            await Migrator.ApplyAsync(scope, Migrations.For(Sql), Time.GetUtcNow(), cancellationToken);
            await scope.CommitAsync(cancellationToken);
            if (!IsInMemory)
            {
                await _guard.PinAsync(_connectionString, cancellationToken);
            }
        }
        catch (SqliteException e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// The leftovers of a lost database that <see cref="StorageOptions.SqliteStartEmpty"/> had renamed aside before an
    /// empty store was created, for the start-up log.
    /// </summary>
    public IReadOnlyList<string> SetAsideLeftovers { get; private set; } = [];

    /// <summary>
    /// The file itself first (still the one opened at start: its own message says so better than a failed open would),
    /// then the round trips of <see cref="Database.CheckAsync"/>, whose writer unit also checks the writer's file.
    /// </summary>
    public override async Task CheckAsync(CancellationToken cancellationToken)
    {
        if (!IsInMemory)
        {
            _guard.VerifyPinned();
        }
        await base.CheckAsync(cancellationToken);
    }

    /// <summary>
    /// True when the last <see cref="MigrateAsync"/> rewrote an existing file from <c>auto_vacuum=NONE</c> to
    /// <c>INCREMENTAL</c> (a one-off <c>VACUUM</c>), for the start-up log.
    /// </summary>
    public bool ConvertedToIncrementalVacuum { get; private set; }

    /// <summary>
    /// Opens a pooled connection for reads, unless the file opened at start is no longer the file at the path: a new
    /// connection would open the stranger there, and closing it (the last one on that file, as SQLite sees it) would
    /// checkpoint the original's write-ahead log into the stranger and delete it.
    /// </summary>
    public override ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!IsInMemory)
        {
            _guard.VerifyPinnedForReader();
        }
        return OpenAsync(_connectionString, null, cancellationToken);
    }

    /// <summary>
    /// Lets the purge's <see cref="SqliteVacuum"/> give free pages back. A new file takes the setting before its first
    /// table; an existing file with <c>auto_vacuum=NONE</c> (made before this release) only through a full
    /// <c>VACUUM</c>, which runs here once, outside any transaction and before the writer opens. Returns true when it did.
    /// </summary>
    private static async Task<bool> UseIncrementalVacuumAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        long mode, pages;
        await using (var read = connection.Sql("SELECT auto_vacuum, page_count FROM pragma_auto_vacuum(), pragma_page_count()"))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (mode, pages) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        if (mode == 2)
        {
            return false;
        }
        await using var set = connection.Sql("PRAGMA auto_vacuum=INCREMENTAL;");
        await set.ExecuteNonQueryAsync(cancellationToken);
        if (pages == 0)
        {
            return false;
        }
        await using var vacuum = connection.Sql("VACUUM;");
        vacuum.CommandTimeout = 0;
        await vacuum.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    /// <summary>
    /// Faults of the store rather than of the request: busy or locked past the timeout, read-only, I/O error, corrupt,
    /// full, cannot open, not a database. Nothing was written, and the same request may succeed once the fault clears.
    /// </summary>
    public override bool IsUnavailable(Exception exception) =>
        exception is StoreUnavailableException
        || exception is SqliteException { SqliteErrorCode: 5 or 6 or 8 or 10 or 11 or 13 or 14 or 26 };

    public override void ForgetConnections()
    {
        Writer.ForgetConnection();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    public override async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        await _guard.DisposeAsync();
        // This database's pools only. Clearing every pool closed, from this thread, idle connections of other
        // databases in the process (tests run many servers at once): one closed as another server's writer set up its
        // write-ahead log made that writer's first write fail with "attempt to write a readonly database".
        using (var reader = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(reader);
        }
        using (var creator = new SqliteConnection(_createConnectionString))
        {
            SqliteConnection.ClearPool(creator);
        }
    }

    private bool IsInMemory => DataSource is "" or ":memory:" || DataSource.StartsWith("file::memory:", StringComparison.Ordinal);

    /// <summary>The writer's connection, refused like a reader's while the file at the path is not the one opened at start.</summary>
    private ValueTask<DbConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        if (!IsInMemory)
        {
            _guard.VerifyPinned();
        }
        return OpenAsync(_connectionString, $"PRAGMA synchronous={_synchronous}; PRAGMA busy_timeout={_busyTimeoutMs};", cancellationToken);
    }

    /// <summary>
    /// Connections keep writing to a deleted or replaced file, where nothing survives a restart: refuse instead, checked
    /// on the writer's connection before every group's transaction begins and again before it commits (see
    /// <see cref="SqliteFileGuard"/>; one <c>stat</c> each time).
    /// </summary>
    private void RefuseChangedFile(DbConnection writer)
    {
        if (IsInMemory)
        {
            return;
        }
        try
        {
            _guard.VerifyWriter(writer);
        }
        catch (StoreUnavailableException)
        {
            // Pooled readers still hold the old file too.
            using (var connection = new SqliteConnection(_connectionString))
            {
                SqliteConnection.ClearPool(connection);
            }
            throw;
        }
    }

    private async ValueTask<DbConnection> OpenAsync(string connectionString, string? pragmas, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (pragmas is not null)
            {
                await using var pragma = connection.Sql(pragmas);
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }
            return connection;
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync();
            throw Unavailable(e);
        }
    }

    private StoreUnavailableException Unavailable(SqliteException e) =>
        new($"Cannot use the SQLite database '{DataSource}': {e.Message}", e);
}
