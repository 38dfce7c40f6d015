using System.Collections.Concurrent;
using System.Diagnostics;
using Libromi.Connect.Bench.Reporting;
using Libromi.Connect.Bench.Server;

namespace Libromi.Connect.Bench.Scenarios;

/// <summary>
/// Offers inbound messages to the REST API at a fixed rate (open loop: a slow answer does not slow the offer) and pairs
/// each acknowledgement with the receiver's arrivals of the same event, both read off the machine's monotonic clock.
/// </summary>
public static class LatencyRun
{
    public sealed record Result(Percentiles AckToReceiver, Percentiles SendToAck, double AchievedRate, int Events, int Missing, int Errors);

    public static async Task<Result> RunAsync(BenchContext context, LibromiProcess server, int rate, double seconds, int endpointsPerEvent, CancellationToken cancellationToken)
    {
        await OfferAsync(server, rate, Math.Min(rate, 500), 0, cancellationToken);
        await Task.Delay(1000, cancellationToken);
        await context.Receiver.TakeArrivalsAsync(cancellationToken);

        var events = (int)(rate * seconds);
        const long first = 1_000_000;
        var (acks, sendToAck, errors, took) = await OfferAsync(server, rate, events, first, cancellationToken);
        var expected = (long)(events - errors) * endpointsPerEvent;
        var arrivals = new List<(long Marker, long Timestamp)>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (arrivals.Count < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
            arrivals.AddRange(await context.Receiver.TakeArrivalsAsync(cancellationToken));
        }
        var latencies = arrivals.Where(a => acks.ContainsKey(a.Marker))
            .Select(a => (a.Timestamp - acks[a.Marker]) * 1000.0 / Stopwatch.Frequency);
        var result = new Result(new Percentiles(latencies), new Percentiles(sendToAck), events / took, events, (int)Math.Max(0, expected - arrivals.Count), errors);
        return result;
    }

    private static async Task<(ConcurrentDictionary<long, long> Acks, ConcurrentBag<double> SendToAck, int Errors, double Seconds)> OfferAsync(
        LibromiProcess server, int rate, int events, long firstMarker, CancellationToken cancellationToken)
    {
        var acks = new ConcurrentDictionary<long, long>();
        var sendToAck = new ConcurrentBag<double>();
        var errors = 0;
        var tasks = new List<Task>(events);
        var interval = (double)Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < events; i++)
        {
            var due = start + (long)(i * interval);
            while (Stopwatch.GetTimestamp() < due)
            {
                await Task.Delay(1, cancellationToken);
            }
            var marker = firstMarker + i;
            tasks.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    await server.Api.InboundAsync(marker, cancellationToken);
                    var acked = Stopwatch.GetTimestamp();
                    acks[marker] = acked;
                    sendToAck.Add((acked - sent) * 1000.0 / Stopwatch.Frequency);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }, cancellationToken));
        }
        var offered = Stopwatch.GetTimestamp();
        await Task.WhenAll(tasks);
        return (acks, sendToAck, errors, BenchContext.Seconds(start, offered));
    }
}
