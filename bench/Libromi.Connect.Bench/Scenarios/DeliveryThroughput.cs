using Libromi.Connect.Bench.Reporting;
using Libromi.Connect.Bench.Server;

namespace Libromi.Connect.Bench.Scenarios;

/// <summary>
/// Scenario 2: N events already committed with fan-out to 1, 10 and 1,000 endpoints; a server restarted on that database
/// delivers them all. Timed from the receiver's first 200 until the store shows no delivery pending.
/// </summary>
public static class DeliveryThroughput
{
    public static readonly int[] FanOuts = [1, 10, 1000];

    public static async Task RunAllAsync(BenchContext context, CancellationToken cancellationToken)
    {
        foreach (var fanOut in FanOuts)
        {
            var events = (context.Options.Quick, fanOut) switch
            {
                (true, 1) => 3_000,
                (true, 10) => 300,
                (true, _) => 5,
                (false, 1) => 50_000,
                (false, 10) => 5_000,
                _ => 100,
            };
            var urls = Enumerable.Range(0, fanOut).Select(i => context.Receiver.Url("ok", i)).ToList();
            var result = await DrainAsync(context, $"fanout{fanOut}", urls, events, DrainSpec.All, cancellationToken);
            var baseline = context.RawBaselines[RawBaseline.ConcurrencyFor(fanOut)];
            var ratio = result.PerSecond / baseline;
            context.Rows.Add(new ResultRow($"2. Delivery throughput, fan-out {fanOut:N0}",
                $"{BenchContext.Rate(result.PerSecond)} deliveries/s = {ratio * 100:0}% of raw",
                "≥ 5,000/s and ≥ 50% of raw", result.PerSecond >= 5000 && ratio >= 0.5,
                $"{result.Deliveries:N0} deliveries ({events:N0} events), {result.Attempts:N0} attempts recorded, {result.Seconds:0.0} s, server peak RSS {BenchContext.MiB(result.PeakRssBytes)}"));
        }
    }

    /// <summary>
    /// Pre-fills a database (with <paramref name="fill"/> when given, else <see cref="Prefill"/>), restarts the server on
    /// it, and waits until everything is delivered and recorded.
    /// </summary>
    public static async Task<DrainResult> DrainAsync(BenchContext context, string name, IReadOnlyList<Uri> urls, int events,
        DrainSpec spec, CancellationToken cancellationToken, Func<string, Task>? fill = null)
    {
        var database = context.NewDatabase(name);
        await (fill ?? (d => Prefill.RunAsync(d, urls, events, cancellationToken)))(database);
        await context.Receiver.ResetAsync(cancellationToken);
        var expected = (long)urls.Count(u => u.AbsolutePath.StartsWith("/ok/", StringComparison.Ordinal)) * events;
        await using var server = await LibromiProcess.StartAsync(database, paused: false, spec.Settings, cancellationToken);
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = spec.OnProgress is null ? Task.CompletedTask : SampleAsync(context, spec.OnProgress, sampling.Token);
        // The receiver's count is cheap to poll; the store is only asked once everything has arrived, so probing it costs
        // the server nothing while it works. Healthy deliveries are done when none to an /ok/ endpoint is pending.
        if (!await context.Receiver.WaitForOkAsync(expected, TimeSpan.FromMinutes(30), cancellationToken))
        {
            throw new TimeoutException($"{name}: not every delivery arrived within 30 minutes.");
        }
        var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
        var done = await server.Store.WaitUntilNonePendingAsync(ct => server.Store.PendingForAsync("/ok/", ct), TimeSpan.FromMinutes(30), cancellationToken)
            ?? throw new TimeoutException($"{name}: deliveries still pending after 30 minutes.");
        await sampling.CancelAsync();
        await sampler;
        spec.OnProgress?.Invoke(arrived, expected);
        var stats = await context.Receiver.StatsAsync(cancellationToken);
        var attempts = await server.Store.AttemptsAsync(cancellationToken);
        var succeeded = await server.Store.SucceededAsync(cancellationToken);
        if (succeeded < expected)
        {
            throw new InvalidOperationException($"{name}: {succeeded} of {expected} deliveries succeeded.");
        }
        var result = new DrainResult(expected, BenchContext.Seconds(stats.FirstOkTimestamp, done), server.Process.PeakResidentBytes(), attempts);
        BenchContext.Log($"{name}: {expected} deliveries in {result.Seconds:0.00} s = {result.PerSecond:0}/s; receiver saw {stats.Ok}; peak RSS {BenchContext.MiB(result.PeakRssBytes)}");
        return result;
    }

    private static async Task SampleAsync(BenchContext context, Action<long, long> onProgress, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var stats = await context.Receiver.StatsAsync(cancellationToken);
                onProgress(System.Diagnostics.Stopwatch.GetTimestamp(), stats.Ok);
                await Task.Delay(100, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
