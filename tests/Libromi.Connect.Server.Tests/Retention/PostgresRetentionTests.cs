using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Storage.Postgres;
using Libromi.Connect.Testing.Postgres;

namespace Libromi.Connect.Server.Tests.Retention;

public sealed class PostgresRetentionTests : RetentionCompliance
{
    private TestDatabase? _database;

    protected override async Task<(Database? Database, string? SkipReason)> CreateDatabaseAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        return _database is null
            ? (null, PostgresServer.HowToEnable)
            : (new PostgresDatabase(new StorageOptions { Provider = "postgres", ConnectionString = _database.ConnectionString }, Time), null);
    }

    protected override Database SecondNode() =>
        new PostgresDatabase(new StorageOptions { Provider = "postgres", ConnectionString = _database!.ConnectionString }, Time);

    protected override async Task DeleteDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
