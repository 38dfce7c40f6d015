namespace Libromi.Connect.Testing.Postgres;

/// <summary>An empty database of its own on the test PostgreSQL server, as the server settings that select it.</summary>
public sealed class PostgresStore : IAsyncDisposable
{
    private TestDatabase? _database;

    /// <summary>Creates the database; null when no PostgreSQL server can be found (skip with <see cref="PostgresServer.HowToEnable"/>).</summary>
    public async Task<Dictionary<string, string?>?> CreateSettingsAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        return _database is null ? null : new()
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = _database.ConnectionString,
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
