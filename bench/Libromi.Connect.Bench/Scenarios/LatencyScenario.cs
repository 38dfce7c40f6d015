using Libromi.Connect.Bench.Reporting;
using Libromi.Connect.Bench.Server;

namespace Libromi.Connect.Bench.Scenarios;

/// <summary>
/// Scenario 3: latency at 500, 2,000 and 5,000 events/s offered through the REST API, one endpoint, from the event's
/// <c>created_at</c> to the receiver (the acknowledgement → receiver figure beside it).
/// </summary>
public static class LatencyScenario
{
    public static readonly int[] Rates = [500, 2000, 5000];

    /// <summary>The offered rate the p99 target is set at.</summary>
    public const int TargetRate = 2000;

    public static async Task RunAllAsync(BenchContext context, CancellationToken cancellationToken)
    {
        foreach (var rate in Rates)
        {
            var seconds = SecondsFor(context, rate);
            await context.Receiver.ResetAsync(cancellationToken);
            await using var server = await LibromiProcess.StartAsync(context.NewDatabase($"latency{rate}"), paused: false, null, cancellationToken);
            await server.Api.CreateWebhookAsync(context.Receiver.Url("ok", 0), ["message.received"], cancellationToken);
            var result = await LatencyRun.RunAsync(context, [server.Api], rate, seconds, 1, cancellationToken);
            context.Rows.Add(Row($"3. Latency at {rate:N0} events/s (created_at → receiver)", $"latency at {rate}/s", rate, seconds, result, targeted: rate <= TargetRate));
        }
    }

    /// <summary>The run's length: the highest rate runs shorter, since its backlog (if the server falls behind) drains after it.</summary>
    public static double SecondsFor(BenchContext context, int rate) => (context.Options.Quick, rate > TargetRate) switch
    {
        (true, _) => 3,
        (false, false) => 20,
        (false, true) => 10,
    };

    public static ResultRow Row(string scenario, string name, int rate, double seconds, LatencyRun.Result result, bool targeted)
    {
        var p = result.CreatedToReceiver;
        var ack = result.AckToReceiver;
        BenchContext.Log($"{name}: created_at → receiver p50 {p.At(50):0.00} ms, p99 {p.At(99):0.00} ms, max {p.Max:0.00} ms; ack → receiver p50 {ack.At(50):0.00} ms, p99 {ack.At(99):0.00} ms; API p99 {result.SendToAck.At(99):0.00} ms; missing {result.Missing}, errors {result.Errors}");
        return new ResultRow(scenario,
            $"p50 {BenchContext.Ms(p.At(50))}, p99 {BenchContext.Ms(p.At(99))}, max {BenchContext.Ms(p.Max)}",
            targeted ? "p99 ≤ 10 ms" : "", targeted ? p.At(99) <= 10 : null,
            $"{result.Events:N0} events over {seconds:0} s (offered at {result.AchievedRate:0}/s, acknowledged at {result.AckRate:0}/s); ack → receiver p50 {BenchContext.Ms(ack.At(50))}, p99 {BenchContext.Ms(ack.At(99))}; API answer p50 {BenchContext.Ms(result.SendToAck.At(50))}, p99 {BenchContext.Ms(result.SendToAck.At(99))}; {result.Missing} not arrived, {result.Errors} API errors");
    }
}
