using Libromi.Connect.Bench.Reporting;
using Libromi.Connect.Bench.Server;

namespace Libromi.Connect.Bench.Scenarios;

/// <summary>
/// Scenario 6: 10 healthy endpoints alone, then the same 10 beside 5 that answer 500 and 5 that hang until the attempt
/// times out (Delivery:Timeout 5 s here, so the run stays short). Compares the healthy half's drain throughput and its
/// latency at a fixed offered load.
/// </summary>
public static class FailingEndpoints
{
    private static readonly Dictionary<string, string> Settings = new() { ["Delivery:Timeout"] = "00:00:05" };

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var healthy = Enumerable.Range(0, 10).Select(i => context.Receiver.Url("ok", i)).ToList();
        var mixed = healthy.Concat(Enumerable.Range(10, 5).Select(i => context.Receiver.Url("fail", i)))
            .Concat(Enumerable.Range(15, 5).Select(i => context.Receiver.Url("hang", i))).ToList();
        var events = context.Options.Quick ? 300 : 5_000;
        var spec = new DrainSpec(Settings, null);
        var alone = await DeliveryThroughput.DrainAsync(context, "healthy-alone", healthy, events, spec, cancellationToken);
        var beside = await DeliveryThroughput.DrainAsync(context, "healthy-beside-failing", mixed, events, spec, cancellationToken);
        context.Rows.Add(new ResultRow("6. Failing endpoints: healthy throughput",
            $"{BenchContext.Rate(alone.PerSecond)}/s alone → {BenchContext.Rate(beside.PerSecond)}/s beside failing ({beside.PerSecond / alone.PerSecond * 100:0}%)",
            "barely moves (≥ 90% of alone)", beside.PerSecond >= 0.9 * alone.PerSecond, $"{alone.Deliveries:N0} healthy deliveries; 5 endpoints answer 500, 5 hang until the 5 s timeout"));

        var rate = 100;
        var seconds = context.Options.Quick ? 3 : 15;
        var latencyAlone = await LatencyAsync(context, "latency-healthy", healthy, rate, seconds, cancellationToken);
        var latencyBeside = await LatencyAsync(context, "latency-mixed", mixed, rate, seconds, cancellationToken);
        context.Rows.Add(new ResultRow("6. Failing endpoints: healthy latency (ack → receiver)",
            $"p50 {BenchContext.Ms(latencyAlone.AckToReceiver.At(50))} / p99 {BenchContext.Ms(latencyAlone.AckToReceiver.At(99))} alone → p50 {BenchContext.Ms(latencyBeside.AckToReceiver.At(50))} / p99 {BenchContext.Ms(latencyBeside.AckToReceiver.At(99))} beside failing",
            "barely moves (p99 ≤ 2x alone)", latencyBeside.AckToReceiver.At(99) <= 2 * latencyAlone.AckToReceiver.At(99), $"{rate} events/s for {seconds} s, each to the 10 healthy endpoints; {latencyBeside.Missing} healthy deliveries not arrived"));
    }

    private static async Task<LatencyRun.Result> LatencyAsync(BenchContext context, string name, List<Uri> urls, int rate, int seconds, CancellationToken cancellationToken)
    {
        await context.Receiver.ResetAsync(cancellationToken);
        await using var server = await LibromiProcess.StartAsync(context.NewDatabase(name), paused: false, Settings, cancellationToken);
        foreach (var url in urls)
        {
            await server.Api.CreateWebhookAsync(url, ["message.received"], cancellationToken);
        }
        var result = await LatencyRun.RunAsync(context, [server.Api], rate, seconds, 10, cancellationToken);
        BenchContext.Log($"{name}: p50 {result.AckToReceiver.At(50):0.00} ms, p99 {result.AckToReceiver.At(99):0.00} ms, missing {result.Missing}");
        return result;
    }
}
