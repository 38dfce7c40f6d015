using System.Data.Common;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Storage.Postgres;
using Libromi.Connect.Testing.Postgres;

namespace Libromi.Connect.Server.Tests.Storage.Schema;

public sealed class PostgresSchemaCompatibilityTests : SchemaCompatibility
{
    private readonly List<TestDatabase> _created = [];
    private readonly Dictionary<Database, string> _connectionStrings = [];

    protected override IReadOnlyList<string> Released => ReleasedPostgresMigrations.Migrations;

    protected override async Task<Database> CreateEmptyAsync()
    {
        var created = await PostgresServer.CreateDatabaseAsync();
        Skip.If(created is null, PostgresServer.HowToEnable);
        _created.Add(created);
        var database = new PostgresDatabase(new StorageOptions { Provider = "postgres", ConnectionString = created.ConnectionString }, Time);
        _connectionStrings[database] = created.ConnectionString;
        return database;
    }

    protected override Dictionary<string, string?> ServerSettings(Database database) => new()
    {
        ["Storage:Provider"] = "postgres",
        ["Storage:ConnectionString"] = _connectionStrings[database],
    };

    protected override async Task<IReadOnlyList<string>> DescribeSchemaAsync(DbConnection connection) =>
    [
        .. await RowsAsync(connection, """
            SELECT table_name, ordinal_position, column_name, data_type, collation_name, is_nullable, column_default,
                is_identity, identity_generation
            FROM information_schema.columns WHERE table_schema = 'public'
              AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.relname = table_name AND c.relnamespace = 'public'::regnamespace AND c.relispartition)
            ORDER BY table_name, ordinal_position
            """),
        // The time partitions depend on when and with which interval a database was migrated; their parents are the schema.
        .. await RowsAsync(connection, """
            SELECT c.relname, pg_get_partkeydef(c.oid) FROM pg_class c
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'p' ORDER BY c.relname
            """),
        .. await RowsAsync(connection, """
            SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c ON c.relname = i.tablename AND c.relnamespace = 'public'::regnamespace
            WHERE i.schemaname = 'public' AND NOT c.relispartition ORDER BY i.indexname
            """),
        .. await RowsAsync(connection, """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = conrelid AND c.relispartition)
            ORDER BY 1, 2
            """),
        .. await RowsAsync(connection, """
            SELECT sequencename, data_type::text, start_value, increment_by, max_value
            FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename
            """),
    ];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var database in _created)
        {
            await database.DisposeAsync();
        }
    }
}
