using Npgsql;

namespace Libromi.Connect.Testing.Postgres;

/// <summary>
/// The PostgreSQL server the tests run against, found once per test run: <c>LIBROMI_TEST_POSTGRES</c> when it holds a
/// connection string, otherwise a <see cref="PostgresCluster"/> started from the installed binaries (and stopped when
/// the test process exits). Each caller gets a database of its own.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "LIBROMI_TEST_POSTGRES";

    public const string HowToEnable =
        "No PostgreSQL server for the PostgreSQL tests. Set " + EnvironmentVariable + " to a connection string of a user who may "
        + "CREATE DATABASE (e.g. 'Host=localhost;Username=postgres;Password=…'), or install the server binaries "
        + "(Debian/Ubuntu: apt-get install -y postgresql) so that initdb and pg_ctl are found.";

    private static readonly Lazy<Task<string?>> Admin = new(FindAsync);

    /// <summary>Whether the binaries for a private <see cref="PostgresCluster"/> are installed (needed to stop and start a server).</summary>
    public static bool CanStartClusters => PostgresCluster.FindBinaries() is not null;

    /// <summary>Creates an empty database and returns its connection string, or null when no server can be found.</summary>
    public static async Task<TestDatabase?> CreateDatabaseAsync()
    {
        var admin = await Admin.Value;
        return admin is null ? null : await TestDatabase.CreateAsync(admin);
    }

    private static async Task<string?> FindAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new NpgsqlConnectionStringBuilder(configured) { Pooling = false }.ConnectionString;
        }
        if (PostgresCluster.FindBinaries() is not { } bin)
        {
            return null;
        }
        var cluster = await PostgresCluster.StartAsync(bin);
        cluster.DeleteWhenProcessExits();
        return cluster.ConnectionString;
    }
}
