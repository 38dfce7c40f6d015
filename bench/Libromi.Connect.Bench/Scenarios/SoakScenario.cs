using System.Globalization;
using Libromi.Connect.Bench.Load;
using Libromi.Connect.Bench.Reporting;
using Libromi.Connect.Bench.Server;
using Libromi.Connect.Testing.Postgres;

namespace Libromi.Connect.Bench.Scenarios;

/// <summary>
/// Scenario 12: steady load (contact renames, each one <c>contact.updated</c> to one endpoint) over several retention
/// windows with a short retention, on SQLite and on PostgreSQL. It
/// samples the store's size as the run goes (flat within 10% once the first window has passed, for a store that forgets
/// as fast as it learns), compares the API's p99 while purges run with a run of the same load that keeps everything,
/// and divides what the tables take by the rows they hold: bytes per event, per delivery and per attempt.
/// </summary>
public static class SoakScenario
{
    // Each store gets a load it keeps up with on the reference two-core machine (PostgreSQL's end-to-end rate there, in
    // scenario 9, is about 330 events/s): above it the backlog grows, and pending deliveries, kept by design, grow the store.
    private const int SqliteRate = 400;
    private const int PostgresRate = 150;

    // The load renames these contacts in turn: every request raises one contact.updated and adds no row of its own
    // (an inbound message would add a message, which is the account's data and kept), so what the store holds beyond
    // its fixed part is exactly what retention governs.
    private const int Contacts = 16;

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var shape = Shape.For(context.Options.Quick);
        await RunSqliteAsync(context, shape, cancellationToken);
        await using var cluster = await PostgresScenario.StartClusterAsync(context, "12. Soak, PostgreSQL");
        if (cluster is not null)
        {
            await RunPostgresAsync(context, cluster, shape, cancellationToken);
        }
    }

    /// <param name="Retention">Retention:Events for the run.</param>
    /// <param name="Interval">Retention:PurgeInterval.</param>
    /// <param name="Partition">Retention:PartitionInterval (PostgreSQL).</param>
    /// <param name="Windows">How many retention windows the load lasts.</param>
    private sealed record Shape(TimeSpan Retention, TimeSpan Interval, TimeSpan Partition, int Windows)
    {
        public static Shape For(bool quick) => quick
            ? new(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), 4)
            : new(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 6);

        public TimeSpan Duration => Retention * Windows;

        public Dictionary<string, string> Settings(bool retain) => new()
        {
            ["Retention:Events"] = (retain ? TimeSpan.FromDays(1) : Retention).ToString("c", CultureInfo.InvariantCulture),
            ["Retention:PurgeInterval"] = Interval.ToString("c", CultureInfo.InvariantCulture),
            ["Retention:PartitionInterval"] = Partition.ToString("c", CultureInfo.InvariantCulture),
        };
    }

    private static async Task RunSqliteAsync(BenchContext context, Shape shape, CancellationToken cancellationToken)
    {
        var kept = await RunOnceAsync(context, shape, SqliteRate, "sqlite, keeping everything", settings =>
            LibromiProcess.StartAsync(context.NewDatabase("soak-kept"), paused: false, settings, cancellationToken), retain: true, cancellationToken);
        var purged = await RunOnceAsync(context, shape, SqliteRate, "sqlite", settings =>
            LibromiProcess.StartAsync(context.NewDatabase("soak"), paused: false, settings, cancellationToken), retain: false, cancellationToken);
        Report(context, "SQLite", shape, SqliteRate, shape.Retention + shape.Interval, kept, purged);
    }

    private static async Task RunPostgresAsync(BenchContext context, PostgresCluster cluster, Shape shape, CancellationToken cancellationToken)
    {
        await using var keptDatabase = await TestDatabase.CreateAsync(cluster.ConnectionString);
        var kept = await RunOnceAsync(context, shape, PostgresRate, "postgres, keeping everything", settings =>
            LibromiProcess.StartPostgresAsync(keptDatabase.ConnectionString, settings, cancellationToken), retain: true, cancellationToken);
        await using var database = await TestDatabase.CreateAsync(cluster.ConnectionString);
        var purged = await RunOnceAsync(context, shape, PostgresRate, "postgres", settings =>
            LibromiProcess.StartPostgresAsync(database.ConnectionString, settings, cancellationToken), retain: false, cancellationToken);
        // A partition is dropped once all of it is past the retention: rows live up to one partition longer.
        Report(context, "PostgreSQL", shape, PostgresRate, shape.Retention + shape.Partition + shape.Interval, kept, purged);
    }

    /// <param name="Sizes">The store's size in bytes, by seconds since the load started.</param>
    private sealed record Run(IReadOnlyList<OpenLoop.Sample> Samples, IReadOnlyList<(double At, long Bytes)> Sizes, Stored Stored);

    /// <summary>Rows and bytes by table at the end of a run.</summary>
    private sealed record Stored(long Events, long EventBytes, long Deliveries, long DeliveryBytes, long Attempts, long AttemptBytes);

    private static async Task<Run> RunOnceAsync(BenchContext context, Shape shape, int rate, string label, Func<Dictionary<string, string>, Task<LibromiProcess>> start, bool retain,
        CancellationToken cancellationToken)
    {
        await context.Receiver.ResetAsync(cancellationToken);
        await using var server = await start(shape.Settings(retain));
        await server.Api.CreateWebhookAsync(context.Receiver.Url("ok", 0), ["contact.updated"], cancellationToken);
        var contacts = new List<string>();
        for (var i = 0; i < Contacts; i++)
        {
            contacts.Add(await server.Api.CreateContactReturningIdAsync(i, cancellationToken));
        }
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = DateTime.UtcNow;
        var sizes = SampleSizesAsync(server.Store, started, shape.Interval, sampling.Token);
        var samples = await OpenLoop.RunAsync(rate, shape.Duration, (n, ct) => server.Api.RenameContactAsync(contacts[(int)(n % Contacts)], n, ct), cancellationToken);
        await sampling.CancelAsync();
        var series = await sizes;
        var stored = await StoredAsync(server.Store, cancellationToken);
        BenchContext.Log($"soak {label}: {samples.Count:N0} requests, {samples.Count(s => !s.Ok)} failed; size {string.Join(", ", series.Select(s => BenchContext.MiB(s.Bytes)))}");
        return new Run(samples, series, stored);
    }

    private static async Task<IReadOnlyList<(double At, long Bytes)>> SampleSizesAsync(StoreProbe store, DateTime started, TimeSpan every, CancellationToken cancellationToken)
    {
        var sizes = new List<(double At, long Bytes)>();
        try
        {
            while (true)
            {
                sizes.Add(((DateTime.UtcNow - started).TotalSeconds, await store.SizeAsync(cancellationToken)));
                await Task.Delay(every, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return sizes;
        }
    }

    private static async Task<Stored> StoredAsync(StoreProbe store, CancellationToken cancellationToken)
    {
        var bytes = await store.TableBytesAsync(["delivery_attempts", "deliveries", "events"], cancellationToken);
        return new(await store.CountAsync("events", cancellationToken), bytes["events"], await store.CountAsync("deliveries", cancellationToken), bytes["deliveries"],
            await store.CountAsync("delivery_attempts", cancellationToken), bytes["delivery_attempts"]);
    }

    private static void Report(BenchContext context, string store, Shape shape, int rate, TimeSpan steadyAfter, Run kept, Run purged)
    {
        var steady = purged.Sizes.Where(s => s.At >= steadyAfter.TotalSeconds).Select(s => s.Bytes).ToList();
        var spread = steady.Count == 0 ? double.NaN : (steady.Max() - steady.Min()) / (double)steady.Min() * 100;
        var keptGrowth = kept.Sizes.Count == 0 ? 0 : kept.Sizes[^1].Bytes;
        context.Rows.Add(new ResultRow($"12. Soak, {store}: store size over {shape.Windows} retention windows of {shape.Retention.TotalSeconds:0} s at {rate} events/s",
            steady.Count == 0 ? "no sample after the first window" : $"flat within {spread:0.0}% after {steadyAfter.TotalSeconds:0} s ({BenchContext.MiB(steady.Min())} to {BenchContext.MiB(steady.Max())})",
            "≤ 10%", steady.Count > 0 && spread <= 10,
            $"sampled every {shape.Interval.TotalSeconds:0} s: {string.Join(", ", purged.Sizes.Select(s => BenchContext.MiB(s.Bytes)))}; the same load keeping everything ended at {BenchContext.MiB(keptGrowth)}"));

        // The run keeping everything is the baseline: same load, same machine, no row ever purged.
        var baseline = Steady(kept.Samples, steadyAfter);
        var during = Steady(purged.Samples, steadyAfter);
        var ratio = during.At(99) / baseline.At(99);
        context.Rows.Add(new ResultRow($"12. Soak, {store}: API p99 while purging",
            $"p99 {BenchContext.Ms(during.At(99))} against {BenchContext.Ms(baseline.At(99))} keeping everything ({ratio:0.00}×)", "≤ 2×", ratio <= 2,
            $"requests after the first {steadyAfter.TotalSeconds:0} s: p50 {BenchContext.Ms(during.At(50))} against {BenchContext.Ms(baseline.At(50))}, max {BenchContext.Ms(during.Max)} against {BenchContext.Ms(baseline.Max)}; failed {purged.Samples.Count(s => !s.Ok)} and {kept.Samples.Count(s => !s.Ok)}; purge every {shape.Interval.TotalSeconds:0} s"));

        var s = purged.Stored;
        context.Rows.Add(new ResultRow($"12. Soak, {store}: bytes stored",
            $"{PerRow(s.EventBytes, s.Events)} per event, {PerRow(s.DeliveryBytes, s.Deliveries)} per delivery, {PerRow(s.AttemptBytes, s.Attempts)} per attempt", "", null,
            $"tables with their indexes at the end of the run: {s.Events:N0} events, {s.Deliveries:N0} deliveries, {s.Attempts:N0} attempts; one endpoint, every delivery succeeding at its first attempt"));
        BenchContext.Log($"soak {store}: size spread {spread:0.0}% after {steadyAfter.TotalSeconds:0} s; p99 {during.At(99):0.00} ms against {baseline.At(99):0.00} ms keeping everything");
    }

    private static Percentiles Steady(IReadOnlyList<OpenLoop.Sample> samples, TimeSpan after) =>
        new(samples.Where(s => s.Ok && s.StartedAt >= after.TotalSeconds).Select(s => s.LatencyMs));

    private static string PerRow(long bytes, long rows) => rows == 0 ? "n/a" : (bytes / (double)rows).ToString("N0", CultureInfo.InvariantCulture) + " B";
}
