using Libromi.Connect.Bench.Load;
using Libromi.Connect.Bench.Reporting;
using Libromi.Connect.Bench.Server;

namespace Libromi.Connect.Bench.Scenarios;

/// <summary>
/// The job end to end: closed-loop clients post inbound messages (each raising one <c>message.received</c> for the one
/// subscribed webhook) round-robin over the given APIs; timed from the first acknowledgement until the store records
/// every acknowledged event's delivery as succeeded.
/// </summary>
public static class EndToEndRun
{
    public const int Clients = 64;

    /// <param name="Events">Events acknowledged (and then delivered) in the measured run.</param>
    /// <param name="Seconds">First acknowledgement → every one of them recorded succeeded.</param>
    /// <param name="AckPerSecond">The acknowledgement rate while the clients ran.</param>
    /// <param name="DrainSeconds">Last acknowledgement → everything recorded: how far delivery lagged behind ingest.</param>
    public sealed record Result(long Events, double Seconds, double AckPerSecond, double DrainSeconds, Percentiles CreatedToReceiver)
    {
        public double PerSecond => Events / Seconds;
    }

    public static async Task<Result> RunAsync(BenchContext context, IReadOnlyList<ApiClient> apis, StoreProbe store, CancellationToken cancellationToken)
    {
        var (warmUp, seconds) = context.Options.Quick ? (1, 3) : (3, 15);
        var before = await store.SucceededAsync(cancellationToken);
        // The warm-up's events are delivered and recorded before the measured run starts, so the two do not overlap.
        await context.Receiver.ResetAsync(cancellationToken);
        var warm = await LoadAsync(apis, warmUp, 0, cancellationToken);
        await WaitRecordedAsync(context, store, warm.Completed, before + warm.Completed, cancellationToken);

        await context.Receiver.ResetAsync(cancellationToken);
        var load = await LoadAsync(apis, seconds, 1_000_000, cancellationToken);
        var recorded = await WaitRecordedAsync(context, store, load.Completed, before + warm.Completed + load.Completed, cancellationToken);
        var created = (await context.Receiver.TakeArrivalsAsync(cancellationToken)).Where(a => a.CreatedAtMs > 0).Select(a => a.CreatedToArrivalMs);
        return new Result(load.Completed, BenchContext.Seconds(load.FirstCompletion, recorded), load.PerSecond,
            BenchContext.Seconds(load.LastCompletion, recorded), new Percentiles(created));
    }

    public static ResultRow Row(string scenario, string name, Result result, double raw, bool targeted)
    {
        var ratio = result.PerSecond / raw;
        var c = result.CreatedToReceiver;
        BenchContext.Log($"{name}: {result.Events} events delivered and recorded in {result.Seconds:0.00} s = {result.PerSecond:0}/s ({ratio * 100:0}% of raw {raw:0}/s); acknowledged at {result.AckPerSecond:0}/s, drained {result.DrainSeconds:0.00} s after the last");
        return new ResultRow(scenario, $"{BenchContext.Rate(result.PerSecond)}/s = {ratio * 100:0}% of raw",
            targeted ? "≥ 7,500/s and ≥ 25% of raw" : "", targeted ? result.PerSecond >= 7500 && ratio >= 0.25 : null,
            $"{Clients} clients, {result.Events:N0} events in {result.Seconds:0.0} s from first ack to last recorded; raw 1 endpoint {BenchContext.Rate(raw)}/s this run; "
            + $"acknowledged at {BenchContext.Rate(result.AckPerSecond)}/s, last recorded {result.DrainSeconds:0.00} s after the last ack; "
            + $"created_at → receiver under this load p50 {BenchContext.Ms(c.At(50))}, p99 {BenchContext.Ms(c.At(99))}");
    }

    private static Task<LoadResult> LoadAsync(IReadOnlyList<ApiClient> apis, double seconds, long firstMarker, CancellationToken cancellationToken) =>
        ClosedLoop.RunAsync(Clients, TimeSpan.FromSeconds(seconds),
            (n, ct) => apis[(int)(n % apis.Count)].InboundAsync(firstMarker + n, ct), cancellationToken);

    /// <summary>
    /// Waits for the receiver's count first (cheap to poll, and the store is left alone while the server works), then for
    /// the store: nothing pending and <paramref name="succeeded"/> deliveries succeeded in all. Returns the Stopwatch
    /// timestamp the store showed that at.
    /// </summary>
    private static async Task<long> WaitRecordedAsync(BenchContext context, StoreProbe store, long arrivals, long succeeded, CancellationToken cancellationToken)
    {
        if (!await context.Receiver.WaitForOkAsync(arrivals, TimeSpan.FromMinutes(10), cancellationToken))
        {
            throw new TimeoutException($"end to end: {arrivals} deliveries did not all arrive within 10 minutes.");
        }
        var done = await store.WaitUntilNonePendingAsync(store.PendingAsync, TimeSpan.FromMinutes(10), cancellationToken)
            ?? throw new TimeoutException("end to end: deliveries still pending after 10 minutes.");
        var recorded = await store.SucceededAsync(cancellationToken);
        return recorded >= succeeded ? done : throw new InvalidOperationException($"end to end: {recorded} of {succeeded} acknowledged events' deliveries succeeded.");
    }
}
