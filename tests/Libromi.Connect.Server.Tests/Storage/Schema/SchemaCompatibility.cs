using System.Data.Common;
using System.Globalization;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Storage.Schema;

/// <summary>
/// Databases built by the released migrations, when each provider had its own copy of them, keep working: a new database
/// gets the very same schema, and an old one is taken as it is. Run once per provider (one subclass each).
/// </summary>
public abstract class SchemaCompatibility : IAsyncLifetime
{
    private readonly List<Database> _databases = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The migrations as this provider released them.</summary>
    protected abstract IReadOnlyList<string> Released { get; }

    /// <summary>A new empty database that <see cref="Database.BeginWriteAsync"/> can write to; skips when the provider is missing.</summary>
    protected abstract Task<Database> CreateEmptyAsync();

    /// <summary>Server settings that select <paramref name="database"/>.</summary>
    protected abstract Dictionary<string, string?> ServerSettings(Database database);

    /// <summary>The catalog: every table, column (type, collation, nullability, default), index and constraint, one line each.</summary>
    protected abstract Task<IReadOnlyList<string>> DescribeSchemaAsync(DbConnection connection);

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task A_database_migrated_now_has_exactly_the_schema_the_released_migrations_built()
    {
        var released = await ReleasedDatabaseAsync(Released.Count);
        var migrated = await NewAsync();

        await migrated.MigrateAsync(CancellationToken.None);

        Assert.Equal(await DescribeAsync(released), await DescribeAsync(migrated));
    }

    [SkippableFact]
    public async Task A_database_built_by_the_released_migrations_is_current_and_migrating_it_applies_nothing()
    {
        var database = await ReleasedDatabaseAsync(Released.Count);
        var schema = await DescribeAsync(database);
        var applied = await AppliedAsync(database);
        Time.Advance(TimeSpan.FromDays(1));

        await database.MigrateAsync(CancellationToken.None);

        Assert.Equal(applied, await AppliedAsync(database));
        Assert.Equal(schema, await DescribeAsync(database));
    }

    [SkippableFact]
    public async Task A_database_at_the_first_released_migration_is_brought_to_the_schema_of_the_last()
    {
        var current = await ReleasedDatabaseAsync(Released.Count);
        var old = await ReleasedDatabaseAsync(1);

        await old.MigrateAsync(CancellationToken.None);

        Assert.Equal(await DescribeAsync(current), await DescribeAsync(old));
        Assert.Equal(Enumerable.Range(1, Released.Count).Select(v => (long)v), (await AppliedAsync(old)).Select(a => a.Version));
    }

    [SkippableFact]
    public async Task A_server_started_on_a_database_built_by_the_released_migrations_stores_and_reads_every_kind_of_row()
    {
        var database = await ReleasedDatabaseAsync(Released.Count);
        // An API node only: the delivery it queues stays queued, to be read back.
        var settings = ServerSettings(database);
        settings["Node:Roles"] = "api";
        await using var server = await TestServer.StartAsync(settings);
        using var client = server.CreateClient();

        var webhook = await client.PostOkAsync("webhooks", new { url = "https://example.com/hook", events = new[] { "*" } });
        var contact = await client.PostOkAsync("contacts", new { name = "Ada", phone = "+15550001000" });
        var message = await client.PostOkAsync("messages", new { contact_id = contact.Str("id"), type = "text", content = "hello" },
            new Dictionary<string, string> { ["Idempotency-Key"] = "schema-compatibility" });

        Assert.Equal(contact.Str("id"), (await client.GetOkAsync("contacts/" + contact.Str("id"))).Str("id"));
        Assert.Equal(message.Str("id"), (await client.GetOkAsync("messages")).GetProperty("data")[0].Str("id"));
        var events = (await client.GetOkAsync("events")).GetProperty("data");
        Assert.Equal(events[0].Str("id"), (await client.GetOkAsync("events/" + events[0].Str("id"))).Str("id"));
        var deliveries = (await client.GetOkAsync($"webhooks/{webhook.Str("id")}/deliveries")).GetProperty("data");
        Assert.Equal(events.GetArrayLength(), deliveries.GetArrayLength());
    }

    [SkippableFact]
    public async Task Migrating_a_database_from_before_erasure_finds_each_events_contact_and_dates_each_attempt_by_its_delivery()
    {
        var database = await ReleasedDatabaseAsync(5);
        await using (var scope = await database.BeginWriteAsync(CancellationToken.None))
        {
            foreach (var (id, payload) in new[]
            {
                ("evt_contact", """{"id":"evt_contact","type":"contact.created","data":{"contact":{"id":"con_ada","name":"Ada"}}}"""),
                ("evt_message", """{"id":"evt_message","type":"message.sent","data":{"message":{"id":"msg_1","contact_id":"con_ada"},"contact":{"id":"con_ada"}}}"""),
                ("evt_other", """{"id":"evt_other","type":"webhook.test","data":{}}"""),
            })
            {
                await using var insert = scope.Command("INSERT INTO events (id, account_id, type, created_at, payload) VALUES (@id, 'acc_1', 'contact.created', 1000, @p)")
                    .With("@id", id).With("@p", System.Text.Encoding.UTF8.GetBytes(payload));
                await insert.ExecuteNonQueryAsync();
            }
            await using (var delivery = scope.Command("""
                INSERT INTO deliveries (account_id, event_id, event_type, webhook_id, status, attempt_count, max_attempts, next_attempt_at, lease_token, created_at, updated_at)
                VALUES ('acc_1', 'evt_contact', 'contact.created', 'whk_1', 1, 1, 4, 0, 0, 1234, 2000)
                """))
            {
                await delivery.ExecuteNonQueryAsync();
            }
            await using (var attempt = scope.Command("""
                INSERT INTO delivery_attempts (delivery_id, attempt, started_at, duration_ms, status_code)
                SELECT id, 1, 1500, 10, 200 FROM deliveries
                """))
            {
                await attempt.ExecuteNonQueryAsync();
            }
            await scope.CommitAsync(CancellationToken.None);
        }

        await database.MigrateAsync(CancellationToken.None);

        await using var connection = await database.OpenAsync(CancellationToken.None);
        Assert.Equal(["evt_contact | con_ada", "evt_message | con_ada", "evt_other | null"], await RowsAsync(connection, "SELECT id, contact_id FROM events ORDER BY id"));
        Assert.Equal(["1 | 1234"], await RowsAsync(connection, "SELECT attempt, created_at FROM delivery_attempts"));
    }

    private async Task<Database> NewAsync()
    {
        var database = await CreateEmptyAsync();
        _databases.Add(database);
        return database;
    }

    /// <summary>A database built the way the released code built it: its first <paramref name="count"/> migrations, recorded.</summary>
    private async Task<Database> ReleasedDatabaseAsync(int count)
    {
        var database = await NewAsync();
        await using var scope = await database.BeginWriteAsync(CancellationToken.None);
        await Migrator.ApplyAsync(scope, [.. Released.Take(count)], Time.GetUtcNow(), CancellationToken.None);
        await scope.CommitAsync(CancellationToken.None);
        return database;
    }

    private async Task<IReadOnlyList<string>> DescribeAsync(Database database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return await DescribeSchemaAsync(connection);
    }

    private static async Task<List<(long Version, long AppliedAt)>> AppliedAsync(Database database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var select = connection.Sql("SELECT version, applied_at FROM schema_migrations ORDER BY version");
        await using var reader = await select.ExecuteReaderAsync();
        var applied = new List<(long, long)>();
        while (await reader.ReadAsync())
        {
            applied.Add((Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetInt64(1)));
        }
        return applied;
    }

    /// <summary>Every row of <paramref name="sql"/> as one line, its columns joined by " | ".</summary>
    protected static async Task<List<string>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.Sql(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }
        return rows;
    }
}
