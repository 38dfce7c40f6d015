using System.Globalization;
using Libromi.Connect.Bench.Reporting;
using Libromi.Connect.Bench.Scenarios;
using Libromi.Connect.Testing;
using Libromi.Connect.Webhooks.Signing;

namespace Libromi.Connect.Bench.Peer;

/// <summary>
/// Scenario 7: the same events (E events to 10 endpoints, already committed) delivered by Libromi and by one Hangfire
/// job per delivery on Hangfire's SQLite storage, to the same receiver.
/// </summary>
public static class HangfirePeer
{
    private const int Endpoints = 10;

    /// <summary>Hangfire's default is min(5 x cores, 20); 32 matches the engine's per-endpoint concurrency for I/O-bound jobs.</summary>
    private const int Workers = 32;

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var events = context.Options.Quick ? 100 : 300;
        var urls = Enumerable.Range(0, Endpoints).Select(i => context.Receiver.Url("ok", i)).ToList();
        var libromi = await DeliveryThroughput.DrainAsync(context, "peer-libromi", urls, events, DrainSpec.All, cancellationToken);

        var jobsFile = context.NewDatabase("hangfire-jobs") + ".tsv";
        var secrets = urls.Select(_ => WebhookSecret.Generate()).ToList();
        await File.WriteAllLinesAsync(jobsFile, Enumerable.Range(0, events).SelectMany(n =>
            urls.Select((url, i) => $"{url}\t{secrets[i]}\t{n.ToString(CultureInfo.InvariantCulture)}")), cancellationToken);
        await context.Receiver.ResetAsync(cancellationToken);
        var total = (long)events * Endpoints;
        await using var hangfire = ChildProcess.StartDotnet(typeof(HangfirePeer).Assembly.Location,
            ["hangfire", context.NewDatabase("hangfire"), Workers.ToString(CultureInfo.InvariantCulture), jobsFile]);
        await hangfire.WaitForLineAsync("enqueued", TimeSpan.FromMinutes(30), cancellationToken);
        var done = await hangfire.WaitForLineAsync("done:", TimeSpan.FromMinutes(60), cancellationToken);
        var stats = await context.Receiver.StatsAsync(cancellationToken);
        var seconds = BenchContext.Seconds(stats.FirstOkTimestamp, done);
        var rate = total / seconds;
        BenchContext.Log($"hangfire: {total} jobs in {seconds:0.0} s = {rate:0}/s (receiver saw {stats.Ok}); peak RSS {BenchContext.MiB(hangfire.PeakResidentBytes())}");
        context.Rows.Add(new ResultRow("7. Hangfire peer (one job per delivery, SQLite storage)",
            $"{BenchContext.Rate(rate)} deliveries/s; Libromi {BenchContext.Rate(libromi.PerSecond)}/s = {libromi.PerSecond / rate:0.0}x",
            "Libromi ≥ 3x", libromi.PerSecond >= 3 * rate,
            $"{total:N0} deliveries ({events:N0} events x {Endpoints} endpoints), Hangfire {Workers} workers, peak RSS {BenchContext.MiB(hangfire.PeakResidentBytes())} vs Libromi {BenchContext.MiB(libromi.PeakRssBytes)}"));
    }
}
