using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Storage.Sqlite;

namespace Libromi.Connect.Server.Tests.Storage;

public sealed class SqliteStoreComplianceTests : StoreCompliance
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "libromi-tests", Guid.NewGuid().ToString("N"));

    protected override string EndTransactionSql => "ROLLBACK";

    protected override Task<(Database? Database, string? SkipReason)> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_directory);
        Database database = new SqliteDatabase(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "libromi.db")}" }, Time);
        return Task.FromResult<(Database?, string?)>((database, null));
    }

    protected override Task DeleteDatabaseAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
