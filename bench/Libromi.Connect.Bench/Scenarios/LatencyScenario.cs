using Libromi.Connect.Bench.Reporting;
using Libromi.Connect.Bench.Server;

namespace Libromi.Connect.Bench.Scenarios;

/// <summary>Scenario 3: end-to-end latency at 500 and 2,000 events/s through the REST API, one endpoint.</summary>
public static class LatencyScenario
{
    public static async Task RunAllAsync(BenchContext context, CancellationToken cancellationToken)
    {
        foreach (var rate in new[] { 500, 2000 })
        {
            var seconds = context.Options.Quick ? 3 : 20;
            await context.Receiver.ResetAsync(cancellationToken);
            await using var server = await LibromiProcess.StartAsync(context.NewDatabase($"latency{rate}"), paused: false, null, cancellationToken);
            await server.Api.CreateWebhookAsync(context.Receiver.Url("ok", 0), ["message.received"], cancellationToken);
            var result = await LatencyRun.RunAsync(context, server, rate, seconds, 1, cancellationToken);
            var p = result.AckToReceiver;
            BenchContext.Log($"latency at {rate}/s: p50 {p.At(50):0.00} ms, p99 {p.At(99):0.00} ms, max {p.Max:0.00} ms; API p99 {result.SendToAck.At(99):0.00} ms; missing {result.Missing}, errors {result.Errors}");
            context.Rows.Add(new ResultRow($"3. Latency at {rate:N0} events/s (ack → receiver)",
                $"p50 {BenchContext.Ms(p.At(50))}, p99 {BenchContext.Ms(p.At(99))}, max {BenchContext.Ms(p.Max)}",
                rate == 500 ? "p99 ≤ 10 ms" : "", rate == 500 ? p.At(99) <= 10 : null,
                $"{result.Events:N0} events over {seconds} s (offered at {result.AchievedRate:0}/s); API answer p50 {BenchContext.Ms(result.SendToAck.At(50))}, p99 {BenchContext.Ms(result.SendToAck.At(99))}; {result.Missing} not arrived, {result.Errors} API errors"));
        }
    }
}
