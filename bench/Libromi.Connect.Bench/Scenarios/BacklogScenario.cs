using Libromi.Connect.Bench.Reporting;

namespace Libromi.Connect.Bench.Scenarios;

/// <summary>
/// Scenario 5: a backlog of 1,000,000 pending deliveries (1,000 events to 1,000 endpoints) drained by a restarted
/// server: its peak RSS, and the throughput of the first 10% against the last 10%.
/// </summary>
public static class BacklogScenario
{
    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var (endpoints, events) = context.Options.Quick ? (100, 200) : (1000, 1000);
        var urls = Enumerable.Range(0, endpoints).Select(i => context.Receiver.Url("ok", i)).ToList();
        var samples = new List<(long Timestamp, long Ok)>();
        var result = await DeliveryThroughput.DrainAsync(context, "backlog", urls, events,
            new DrainSpec(null, (t, ok) => samples.Add((t, ok))), cancellationToken);
        var total = result.Deliveries;
        var first = samples.First(s => s.Ok > 0).Timestamp;
        var at10 = samples.First(s => s.Ok >= total / 10).Timestamp;
        var at90 = samples.First(s => s.Ok >= total * 9 / 10).Timestamp;
        var at100 = samples.FirstOrDefault(s => s.Ok >= total).Timestamp;
        var firstRate = total / 10.0 / BenchContext.Seconds(first, at10);
        var lastRate = at100 == 0 ? double.NaN : total / 10.0 / BenchContext.Seconds(at90, at100);
        BenchContext.Log($"backlog: first 10% at {firstRate:0}/s, last 10% at {lastRate:0}/s, peak RSS {BenchContext.MiB(result.PeakRssBytes)}");
        var peakMb = result.PeakRssBytes / 1024.0 / 1024.0;
        context.Rows.Add(new ResultRow($"5. Backlog of {total:N0}: server peak RSS", BenchContext.MiB(result.PeakRssBytes), "< 300 MB", peakMb < 300,
            $"{endpoints:N0} endpoints x {events:N0} events; drained in {result.Seconds:0.0} s = {BenchContext.Rate(result.PerSecond)} deliveries/s"));
        context.Rows.Add(new ResultRow($"5. Backlog of {total:N0}: throughput first vs last 10%",
            $"{BenchContext.Rate(firstRate)}/s → {BenchContext.Rate(lastRate)}/s ({lastRate / firstRate * 100:0}%)", "flat", null,
            "from the receiver's count, sampled every 100 ms; sampling granularity limits precision on short runs"));
    }
}
