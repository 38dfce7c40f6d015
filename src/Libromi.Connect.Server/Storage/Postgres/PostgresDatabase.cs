using System.Data.Common;
using Libromi.Connect.Server.Storage.Postgres.Partitions;
using Npgsql;

namespace Libromi.Connect.Server.Storage.Postgres;

/// <summary>
/// PostgreSQL for several server nodes on one database. Each node writes through its <see cref="GroupCommit"/> writer (one
/// connection, one commit for the units that queue together); the nodes' transactions run side by side (READ
/// COMMITTED), and what must not race is fenced in SQL: leases by <c>FOR UPDATE SKIP LOCKED</c> and the lease token,
/// idempotency keys and schema migrations by advisory locks.
/// </summary>
public sealed class PostgresDatabase : Database
{
    // Any constant works as long as every node uses the same one; this is "libromi" in ASCII.
    private const long MigrationLock = 0x6C6962726F6D69;
    private readonly NpgsqlDataSource _dataSource;

    /// <param name="partitionInterval">The width of the time partitions (<c>Retention:PartitionInterval</c>); default 1 day.</param>
    public PostgresDatabase(StorageOptions options, TimeProvider? time = null, TimeSpan? partitionInterval = null)
        : base(time)
    {
        PartitionInterval = partitionInterval ?? TimeSpan.FromDays(1);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException(
                "Storage:Provider is 'postgres' but Storage:ConnectionString is empty. Set it, for example 'Host=db;Database=libromi;Username=libromi;Password=…'.");
        }
        // Npgsql prepares the statements a connection runs often, unless the connection string says otherwise.
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (!builder.ContainsKey("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 64;
        }
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        Writer = new GroupCommit(OpenAsync, _ => { }, IsUnavailable, options, Time, Sql.WakeWorkers, keepStatements: false);
    }

    public override string ProviderName => "postgres";

    public override SqlDialect Sql { get; } = new PostgresDialect();

    public override GroupCommit Writer { get; }

    /// <summary>The width of the time partitions of events, deliveries and attempts.</summary>
    public TimeSpan PartitionInterval { get; }

    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = await BeginWriteAsync(cancellationToken);
        try
        {
            // Nodes starting together queue here; each later one finds the schema current and applies nothing.
            await using (var migrationLock = scope.Command("SELECT pg_advisory_xact_lock(@k)").With("@k", MigrationLock))
            {
                await migrationLock.ExecuteNonQueryAsync(cancellationToken);
            }
            var now = Time.GetUtcNow();
            // Where migration 8 ends the legacy partition, when it runs now: the start of the current interval.
            await using (var start = scope.Command("SELECT set_config(@name, @value, true)").With("@name", PartitionMigration.StartSetting)
                .With("@value", TimePartitions.Floor(now.ToUnixTimeMilliseconds(), PartitionInterval).ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                await start.ExecuteNonQueryAsync(cancellationToken);
            }
            await Migrator.ApplyAsync(scope, Migrations.For(Sql), now, cancellationToken);
            // Inserts never wait for the first maintenance pass: the coming partitions exist once a node has started.
            // Not while another node's maintenance pass creates or drops some (its session lock, held to its end).
            await using (var maintenance = scope.Command("SELECT pg_advisory_xact_lock(hashtextextended(@lock, 0))").With("@lock", PartitionMaintenance.LockName))
            {
                await maintenance.ExecuteNonQueryAsync(cancellationToken);
            }
            await TimePartitions.CreateAheadAsync(scope, now, PartitionInterval, cancellationToken);
            await scope.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (IsUnavailable(e) && e is not StoreUnavailableException)
        {
            ForgetConnections();
            throw Unavailable(e);
        }
    }

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            _dataSource.Clear();
            throw Unavailable(e);
        }
    }

    public override bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>
    /// Faults of the database rather than of the request: refused or broken connections, the server shutting down or
    /// starting up, a full disk, an I/O error, damaged data.
    /// </summary>
    public override bool IsUnavailable(Exception exception) =>
        exception switch
        {
            StoreUnavailableException => true,
            // 08: connection; 53: out of disk, memory or connections; 58: I/O; XX001/XX002: damaged data or index;
            // 40001/40P01: a serialization failure or a deadlock with another node's transaction, which a retry resolves.
            PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal)
                || p.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
                || p.SqlState.StartsWith("53", StringComparison.Ordinal)
                || p.SqlState.StartsWith("58", StringComparison.Ordinal)
                || p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                    or PostgresErrorCodes.DataCorrupted or PostgresErrorCodes.IndexCorrupted,
            NpgsqlException => true,
            _ => false,
        };

    public override void ForgetConnections()
    {
        Writer.ForgetConnection();
        _dataSource.Clear();
    }

    public override async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    private static StoreUnavailableException Unavailable(Exception e) =>
        new($"Cannot reach the PostgreSQL database: {e.Message}", e);
}
