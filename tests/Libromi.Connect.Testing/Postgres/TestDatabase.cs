using Npgsql;

namespace Libromi.Connect.Testing.Postgres;

/// <summary>A database created for one test (or test class) and dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _admin;
    private readonly bool _ownTablespace;

    private TestDatabase(string admin, string name, bool ownTablespace = false)
    {
        _admin = admin;
        _ownTablespace = ownTablespace;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string adminConnectionString)
    {
        var name = "libromi_test_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new TestDatabase(adminConnectionString, name);
    }

    /// <summary>
    /// Creates an empty database whose tables live in <paramref name="directory"/> (a tablespace of its own), so a test can
    /// put them on a small disk and fill it. The directory must be empty and on the server's machine.
    /// </summary>
    public static async Task<TestDatabase> CreateInAsync(string adminConnectionString, string directory)
    {
        var name = "libromi_test_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using (var tablespace = new NpgsqlCommand($"CREATE TABLESPACE {name} LOCATION '{directory.Replace("'", "''", StringComparison.Ordinal)}'", connection))
        {
            await tablespace.ExecuteNonQueryAsync();
        }
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TABLESPACE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new TestDatabase(adminConnectionString, name, ownTablespace: true);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        if (_ownTablespace)
        {
            await using var dropTablespace = new NpgsqlCommand($"DROP TABLESPACE IF EXISTS {Name}", connection);
            await dropTablespace.ExecuteNonQueryAsync();
        }
    }
}
