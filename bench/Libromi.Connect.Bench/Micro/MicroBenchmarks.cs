using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Libromi.Connect.Bench.Reporting;

namespace Libromi.Connect.Bench.Micro;

/// <summary>
/// Runs <see cref="WebhookBenchmarks"/> with BenchmarkDotNet in this process (the driver is already a Release build,
/// so no separate benchmark project is generated and built).
/// </summary>
public static class MicroBenchmarks
{
    public static IEnumerable<ResultRow> Run(bool quick)
    {
        var job = (quick ? Job.ShortRun.WithWarmupCount(1).WithIterationCount(3).WithLaunchCount(1) : Job.MediumRun)
            .WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<WebhookBenchmarks>(config);
        foreach (var report in summary.Reports)
        {
            var name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var mean = report.ResultStatistics?.Mean;
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            yield return new ResultRow($"Micro: {name}",
                mean is null ? "failed" : $"{mean.Value / 1000.0:0.00} µs/op, {allocated} B allocated/op", "", null,
                $"BenchmarkDotNet {(quick ? "short run" : "medium run")}, in process; body {Envelopes.Body(1).Length} bytes");
        }
    }
}
