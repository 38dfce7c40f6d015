using Libromi.Connect.Testing;
using Libromi.Connect.Testing.Postgres;

namespace Libromi.Connect.Server.Tests.Support;

/// <summary>
/// The base of tests written once and run against a real server on each storage provider (one subclass each): the
/// embedded SQLite file of every <see cref="TestServer"/>, or a throwaway PostgreSQL database per test, created and
/// dropped around it. Without PostgreSQL here, its subclass's tests are skipped.
/// </summary>
public abstract class ProviderServer : IAsyncLifetime
{
    private TestDatabase? _database;

    protected abstract bool OnPostgres { get; }

    /// <summary>The PostgreSQL test database's connection string; skips the test when there is none.</summary>
    protected string PostgresConnectionString => (_database ?? throw new SkipException(PostgresServer.HowToEnable)).ConnectionString;

    public async Task InitializeAsync()
    {
        if (OnPostgres)
        {
            _database = await PostgresServer.CreateDatabaseAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>The settings that put a new server on this provider.</summary>
    protected Dictionary<string, string?> StorageSettings() => OnPostgres
        ? new() { ["Storage:Provider"] = "postgres", ["Storage:ConnectionString"] = PostgresConnectionString }
        : [];
}
