using Libromi.Connect.Testing;
using Libromi.Connect.Testing.Postgres;

namespace Libromi.Connect.Server.Tests.Hosting.Health;

/// <summary>
/// The probes on a real PostgreSQL server: ready answers 200 while the database answers, 503 naming the store while the
/// server is stopped or the database is gone, and never shows the connection string's password.
/// </summary>
public sealed class PostgresHealthTests
{
    private const string Password = "health-probe-s3cret";

    [SkippableFact]
    public async Task Live_and_ready_answer_200_on_postgres_and_show_no_password()
    {
        await using var store = new PostgresStore();
        var settings = await store.CreateSettingsAsync();
        Skip.If(settings is null, PostgresServer.HowToEnable);
        settings["Storage:ConnectionString"] += $";Password={Password}";
        await using var server = await TestServer.StartAsync(settings);

        var ready = await HealthProbe.GetAsync(server.BaseAddress, "/healthz/ready");
        ready.AssertHealthy("store", "dispatcher");
        Assert.Contains("postgres", ready.Checks["store"].Description);
        Assert.DoesNotContain(Password, ready.Text);
        (await HealthProbe.GetAsync(server.BaseAddress, "/healthz/live")).AssertHealthy();
    }

    [SkippableFact]
    public async Task While_the_database_server_is_stopped_ready_answers_503_naming_the_store_and_heals_when_it_is_back()
    {
        var bin = PostgresCluster.FindBinaries();
        Skip.If(bin is null, PostgresServer.HowToEnable);
        await using var cluster = await PostgresCluster.StartAsync(bin);
        await using var database = await TestDatabase.CreateAsync(cluster.ConnectionString);
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = database.ConnectionString + $";Timeout=3;Password={Password}",
        });
        (await HealthProbe.GetAsync(server.BaseAddress, "/healthz/ready")).AssertHealthy("store", "dispatcher");

        await cluster.StopServerAsync();

        var ready = await HealthProbe.GetAsync(server.BaseAddress, "/healthz/ready");
        Assert.Contains("postgres", ready.AssertFailing("store"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Password, ready.Text);
        Assert.DoesNotContain("Username=", ready.Text);
        (await HealthProbe.GetAsync(server.BaseAddress, "/healthz/live")).AssertHealthy();

        await cluster.StartServerAsync();
        (await HealthProbe.GetAsync(server.BaseAddress, "/healthz/ready")).AssertHealthy("store", "dispatcher");
    }

    [SkippableFact]
    public async Task A_dropped_database_makes_ready_503_naming_the_store()
    {
        var bin = PostgresCluster.FindBinaries();
        Skip.If(bin is null, PostgresServer.HowToEnable);
        await using var cluster = await PostgresCluster.StartAsync(bin);
        var database = await TestDatabase.CreateAsync(cluster.ConnectionString);
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = database.ConnectionString + $";Timeout=3;Password={Password}",
        });
        (await HealthProbe.GetAsync(server.BaseAddress, "/healthz/ready")).AssertHealthy("store", "dispatcher");

        await database.DisposeAsync();

        var ready = await HealthProbe.GetAsync(server.BaseAddress, "/healthz/ready");
        ready.AssertFailing("store");
        Assert.DoesNotContain(Password, ready.Text);
    }
}
