using Libromi.Connect.Testing.Postgres;

namespace Libromi.Connect.Server.Tests.Storage.Text;

public sealed class PostgresTextAgreementTests : TextAgreementTests
{
    private TestDatabase? _database;

    protected override string SkipReason => PostgresServer.HowToEnable;

    protected override async Task<Dictionary<string, string?>?> StoreSettingsAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        return _database is null ? null : new()
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = _database.ConnectionString,
        };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
