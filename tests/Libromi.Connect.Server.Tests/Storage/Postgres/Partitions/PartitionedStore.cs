using System.Globalization;
using Libromi.Connect.Server.Retention;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Storage.Postgres;
using Libromi.Connect.Server.Storage.Postgres.Partitions;
using Libromi.Connect.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Storage.Postgres.Partitions;

/// <summary>
/// A throwaway PostgreSQL database with daily partitions and a fake clock, for the partition tests: seeding events with
/// their deliveries and attempts, the maintenance step and the row purge, and reading the catalog.
/// </summary>
public abstract class PartitionedStore : IAsyncLifetime
{
    protected static readonly TimeSpan Interval = TimeSpan.FromDays(1);
    private readonly List<PostgresDatabase> _nodes = [];
    private TestDatabase? _created;
    private PostgresDatabase? _database;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    protected RetentionOptions Options { get; } = new() { Events = TimeSpan.FromDays(30), PartitionInterval = Interval };

    protected PostgresDatabase Database => _database ?? throw new SkipException(PostgresServer.HowToEnable);

    /// <summary>Whether <see cref="InitializeAsync"/> runs the migrations (a test of migrating builds its own old schema).</summary>
    protected virtual bool Migrate => true;

    public async Task InitializeAsync()
    {
        _created = await PostgresServer.CreateDatabaseAsync();
        if (_created is not null)
        {
            _database = Node();
            if (Migrate)
            {
                await _database.MigrateAsync(CancellationToken.None);
            }
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        if (_created is not null)
        {
            await _created.DisposeAsync();
        }
    }

    protected string ConnectionString => _created?.ConnectionString ?? throw new SkipException(PostgresServer.HowToEnable);

    /// <summary>A node on the database: its own connections and writer.</summary>
    protected PostgresDatabase Node()
    {
        var node = new PostgresDatabase(new StorageOptions { Provider = "postgres", ConnectionString = _created!.ConnectionString }, Time, Interval);
        _nodes.Add(node);
        return node;
    }

    protected PartitionMaintenance Maintenance(Database? node = null) =>
        new(node ?? Database, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<PartitionMaintenance>.Instance);

    protected EventPurge RowPurge() =>
        new(Database, new PartitionHorizon(Database), Microsoft.Extensions.Options.Options.Create(Options));

    protected static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    /// <summary>An event created at <paramref name="at"/> with one delivery (and one attempt) per status; ended ones ended at <paramref name="at"/>.</summary>
    protected async Task<string> SeedEventAsync(DateTimeOffset at, params int[] statuses)
    {
        var id = new IdGenerator(new FakeTimeProvider(at)).New("evt");
        await using var scope = await Database.BeginWriteAsync(CancellationToken.None);
        await using (var insert = scope.Command("INSERT INTO events (id, account_id, type, created_at, payload) VALUES (@id, 'acc_1', 'contact.created', @at, @p)")
            .With("@id", id).With("@at", Ms(at)).With("@p", new byte[256]))
        {
            await insert.ExecuteNonQueryAsync();
        }
        foreach (var status in statuses)
        {
            long delivery;
            await using (var insert = scope.Command("""
                INSERT INTO deliveries (account_id, event_id, event_type, webhook_id, status, attempt_count, max_attempts, next_attempt_at, lease_token, created_at, updated_at)
                VALUES ('acc_1', @e, 'contact.created', 'whk_1', @s, 1, 5, @at, 0, @at, @at) RETURNING id
                """).With("@e", id).With("@s", status).With("@at", Ms(at)))
            {
                delivery = Convert.ToInt64(await insert.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            }
            await using var attempt = scope.Command(Database.Sql.LogAttempts).With("@attempts",
                $$"""[{"id":{{delivery}},"n":1,"started":{{Ms(at)}},"duration":12,"code":500,"body":"x"}]""");
            await attempt.ExecuteNonQueryAsync();
        }
        await scope.CommitAsync(CancellationToken.None);
        return id;
    }

    protected async Task<List<string>> PartitionsAsync(string table)
    {
        await using var session = await Database.OpenSessionAsync(CancellationToken.None);
        return [.. (await TimePartitions.ListAsync(session, table, CancellationToken.None)).Select(r => r.Name)];
    }

    protected async Task ExecuteAsync(string sql)
    {
        await using var scope = await Database.BeginWriteAsync(CancellationToken.None);
        await using (var command = scope.Command(sql))
        {
            await command.ExecuteNonQueryAsync();
        }
        await scope.CommitAsync(CancellationToken.None);
    }

    protected async Task<long> CountAsync(string sql)
    {
        await using var session = await Database.OpenSessionAsync(CancellationToken.None);
        await using var count = session.Command(sql);
        return Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    protected async Task<string?> ScalarTextAsync(string sql)
    {
        await using var session = await Database.OpenSessionAsync(CancellationToken.None);
        await using var select = session.Command(sql);
        return await select.ExecuteScalarAsync() is { } value and not DBNull ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
    }
}
