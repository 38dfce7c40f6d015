using System.Diagnostics;
using Libromi.Connect.Bench.Micro;
using Libromi.Connect.Bench.Peer;
using Libromi.Connect.Bench.Receiver;
using Libromi.Connect.Bench.Reporting;
using Libromi.Connect.Bench.Scenarios;

namespace Libromi.Connect.Bench;

/// <summary>Runs the chosen scenarios in order and writes the report.</summary>
public static class BenchRun
{
    public static async Task RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var loadBefore = MachineInfo.LoadAverage();
        BenchContext.Log($"Load average before: {loadBefore}");
        var work = Directory.CreateTempSubdirectory("libromi-bench-").FullName;
        var rows = new List<ResultRow>();
        try
        {
            // The micro-benchmarks run first, on a quiet machine, but their rows go last: the headline leads the table.
            var micro = options.Runs("micro") ? MicroBenchmarks.Run(options.Quick).ToList() : [];
            if (options.Scenarios.Count == 0 || options.Scenarios.Any(s => s != "micro"))
            {
                await using var receiver = await ReceiverProcess.StartAsync(cancellationToken);
                var context = new BenchContext(options, receiver, work);
                await RunScenariosAsync(context, cancellationToken);
                rows.AddRange(context.Rows);
            }
            rows.AddRange(micro);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        var loadAfter = MachineInfo.LoadAverage();
        var command = "dotnet run -c Release --project bench/Libromi.Connect.Bench --" + (options.Quick ? " --quick" : "")
            + string.Concat(options.Scenarios.Select(s => " --scenario " + s));
        var markdown = MarkdownReport.Render(rows, MachineInfo.Current(), started, loadBefore, loadAfter, options.Quick, clock.Elapsed, command);
        await File.WriteAllTextAsync(options.Output, markdown, cancellationToken);
        Console.WriteLine();
        Console.WriteLine(markdown);
        BenchContext.Log($"Wrote {options.Output} in {clock.Elapsed.TotalMinutes:0.0} min");
    }

    private static async Task RunScenariosAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        if (options.Runs("endtoend"))
        {
            await EndToEndScenario.RunAsync(context, cancellationToken);
        }
        if (options.Runs("raw") || options.Runs("delivery"))
        {
            await RawBaseline.RunAllAsync(context, cancellationToken);
        }
        if (options.Runs("delivery"))
        {
            await DeliveryThroughput.RunAllAsync(context, cancellationToken);
        }
        if (options.Runs("latency"))
        {
            await LatencyScenario.RunAllAsync(context, cancellationToken);
        }
        if (options.Runs("ingest"))
        {
            await IngestScenario.RunAsync(context, cancellationToken);
        }
        if (options.Runs("backlog"))
        {
            await BacklogScenario.RunAsync(context, cancellationToken);
        }
        if (options.Runs("failing"))
        {
            await FailingEndpoints.RunAsync(context, cancellationToken);
        }
        if (options.Runs("hangfire"))
        {
            await HangfirePeer.RunAsync(context, cancellationToken);
        }
        if (options.Runs("api"))
        {
            await ApiRates.RunAsync(context, cancellationToken);
        }
        if (options.Runs("postgres"))
        {
            await PostgresScenario.RunAsync(context, cancellationToken);
        }
        if (options.Runs("ordering"))
        {
            await OrderingScenario.RunAsync(context, cancellationToken);
        }
        if (options.Runs("filters"))
        {
            await FilterScenario.RunAsync(context, cancellationToken);
        }
        if (options.Runs("soak"))
        {
            await SoakScenario.RunAsync(context, cancellationToken);
        }
    }
}
