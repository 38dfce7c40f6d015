using System.Data.Common;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Storage.Sqlite;

namespace Libromi.Connect.Server.Tests.Storage.Schema;

public sealed class SqliteSchemaCompatibilityTests : SchemaCompatibility
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "libromi-tests", Guid.NewGuid().ToString("N"));

    protected override IReadOnlyList<string> Released => ReleasedSqliteMigrations.Migrations;

    protected override Task<Database> CreateEmptyAsync()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db");
        // An empty file is an empty SQLite database; the server only writes to a file that exists.
        File.WriteAllBytes(path, []);
        return Task.FromResult<Database>(new SqliteDatabase(new StorageOptions { ConnectionString = $"Data Source={path}" }, Time));
    }

    protected override Dictionary<string, string?> ServerSettings(Database database) =>
        new() { ["Storage:ConnectionString"] = $"Data Source={((SqliteDatabase)database).DataSource}" };

    // SQLite keeps each CREATE statement's own text, so equal rows mean equal tables, columns, types and indexes.
    protected override async Task<IReadOnlyList<string>> DescribeSchemaAsync(DbConnection connection) =>
        await RowsAsync(connection, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
