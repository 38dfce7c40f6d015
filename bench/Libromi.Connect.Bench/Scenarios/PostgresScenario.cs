using System.ComponentModel;
using Libromi.Connect.Bench.Reporting;
using Libromi.Connect.Bench.Server;
using Libromi.Connect.Testing.Postgres;
using Npgsql;

namespace Libromi.Connect.Bench.Scenarios;

/// <summary>
/// Scenario 9: scenario 0's end-to-end figure and scenario 3's latency at 2,000 events/s on PostgreSQL, for one node and
/// for three nodes sharing one database (the load spread round-robin over their APIs, one receiver for all).
/// </summary>
public static class PostgresScenario
{
    private static readonly int[] NodeCounts = [1, 3];

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var raw = await RawBaseline.ForAsync(context, 1, cancellationToken);
        await using var cluster = await StartClusterAsync(context, "9. PostgreSQL");
        if (cluster is null)
        {
            return;
        }
        foreach (var nodes in NodeCounts)
        {
            await RunNodesAsync(context, cluster, nodes, raw, cancellationToken);
        }
    }

    private static async Task RunNodesAsync(BenchContext context, PostgresCluster cluster, int count, double raw, CancellationToken cancellationToken)
    {
        var label = count == 1 ? "1 node" : $"{count} nodes";
        await using var database = await TestDatabase.CreateAsync(cluster.ConnectionString);
        // The first node migrates the empty database alone; the others start on the schema it made.
        var nodes = new List<LibromiProcess> { await LibromiProcess.StartPostgresAsync(database.ConnectionString, cancellationToken) };
        try
        {
            nodes.AddRange(await Task.WhenAll(Enumerable.Range(1, count - 1).Select(_ => LibromiProcess.StartPostgresAsync(database.ConnectionString, cancellationToken))));
            await nodes[0].Api.CreateWebhookAsync(context.Receiver.Url("ok", 0), ["message.received"], cancellationToken);
            await nodes[0].Api.CreateSenderAsync(cancellationToken);
            var apis = nodes.Select(n => n.Api).ToList();
            var endToEnd = await EndToEndRun.RunAsync(context, apis, nodes[0].Store, cancellationToken);
            context.Rows.Add(EndToEndRun.Row($"9. PostgreSQL, {label}: end to end", $"postgres {label} end to end", endToEnd, raw, targeted: false));

            var rate = LatencyScenario.TargetRate;
            var seconds = LatencyScenario.SecondsFor(context, rate);
            await context.Receiver.ResetAsync(cancellationToken);
            var latency = await LatencyRun.RunAsync(context, apis, rate, seconds, 1, cancellationToken);
            context.Rows.Add(LatencyScenario.Row($"9. PostgreSQL, {label}: latency at {rate:N0} events/s (created_at → receiver)",
                $"postgres {label} latency at {rate}/s", rate, seconds, latency, targeted: false));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>A private server from the installed binaries at PostgreSQL's durable defaults; null (and a "skipped" row) when it cannot start.</summary>
    /// <param name="scenario">The row a skip is reported under.</param>
    public static async Task<PostgresCluster?> StartClusterAsync(BenchContext context, string scenario)
    {
        if (PostgresCluster.FindBinaries() is not { } bin)
        {
            Skip(context, scenario, "no PostgreSQL server binaries (initdb, pg_ctl) found; Debian/Ubuntu: apt-get install -y postgresql");
            return null;
        }
        PostgresCluster? cluster = null;
        try
        {
            cluster = await PostgresCluster.StartAsync(bin);
            cluster.DeleteWhenProcessExits();
            // The helper tunes the server for tests (fsync and synchronous_commit off); a benchmark measures what an
            // operator gets, so the durable defaults come back before anything is measured.
            await using var admin = await cluster.OpenAdminAsync();
            foreach (var setting in new[] { "fsync", "synchronous_commit", "full_page_writes" })
            {
                await using var alter = new NpgsqlCommand($"ALTER SYSTEM SET {setting} = on", admin);
                await alter.ExecuteNonQueryAsync();
            }
            await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", admin);
            await reload.ExecuteNonQueryAsync();
            return cluster;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or Win32Exception or NpgsqlException)
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
            Skip(context, scenario, $"PostgreSQL did not start ({e.GetType().Name}: {e.Message.Split('\n')[0]})");
            return null;
        }
    }

    private static void Skip(BenchContext context, string scenario, string reason)
    {
        BenchContext.Log($"{scenario}: skipped: {reason}");
        context.Rows.Add(new ResultRow(scenario, $"skipped: {reason}", "", null));
    }
}
