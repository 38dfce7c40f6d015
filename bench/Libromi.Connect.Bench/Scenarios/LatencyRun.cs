using System.Collections.Concurrent;
using System.Diagnostics;
using Libromi.Connect.Bench.Receiver;
using Libromi.Connect.Bench.Reporting;
using Libromi.Connect.Bench.Server;

namespace Libromi.Connect.Bench.Scenarios;

/// <summary>
/// Offers inbound messages to the REST API at a fixed rate (open loop: a slow answer does not slow the offer), spread
/// round-robin over the given nodes' APIs, and pairs each acknowledged event with the receiver's arrivals of it: the
/// acknowledgement against the arrival on the machine's monotonic clock, and the event's <c>created_at</c> against the
/// arrival on the wall clock.
/// </summary>
public static class LatencyRun
{
    /// <param name="AchievedRate">The rate requests were started at.</param>
    /// <param name="AckRate">Acknowledgements per second from the first request until the last answer: below the offer, the server was saturated and the latencies include its queue.</param>
    public sealed record Result(Percentiles CreatedToReceiver, Percentiles AckToReceiver, Percentiles SendToAck, double AchievedRate, double AckRate, int Events, int Missing, int Errors);

    public static async Task<Result> RunAsync(BenchContext context, IReadOnlyList<ApiClient> apis, int rate, double seconds, int endpointsPerEvent, CancellationToken cancellationToken)
    {
        await OfferAsync(apis, rate, Math.Min(rate, 500), 0, cancellationToken);
        await Task.Delay(1000, cancellationToken);
        await context.Receiver.TakeArrivalsAsync(cancellationToken);

        var events = (int)(rate * seconds);
        const long first = 1_000_000;
        var (acks, sendToAck, errors, took, answered) = await OfferAsync(apis, rate, events, first, cancellationToken);
        var expected = (long)(events - errors) * endpointsPerEvent;
        var arrivals = new List<Arrival>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (arrivals.Count < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
            arrivals.AddRange(await context.Receiver.TakeArrivalsAsync(cancellationToken));
        }
        var measured = arrivals.Where(a => acks.ContainsKey(a.Marker)).ToList();
        var ackToReceiver = measured.Select(a => (a.Timestamp - acks[a.Marker]) * 1000.0 / Stopwatch.Frequency);
        var createdToReceiver = measured.Where(a => a.CreatedAtMs > 0).Select(a => a.CreatedToArrivalMs);
        return new Result(new Percentiles(createdToReceiver), new Percentiles(ackToReceiver), new Percentiles(sendToAck), events / took, acks.Count / answered, events,
            (int)Math.Max(0, expected - arrivals.Count), errors);
    }

    private static async Task<(ConcurrentDictionary<long, long> Acks, ConcurrentBag<double> SendToAck, int Errors, double Seconds, double AnsweredSeconds)> OfferAsync(
        IReadOnlyList<ApiClient> apis, int rate, int events, long firstMarker, CancellationToken cancellationToken)
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
            var api = apis[i % apis.Count];
            tasks.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    await api.InboundAsync(marker, cancellationToken);
                    var acked = Stopwatch.GetTimestamp();
                    acks[marker] = acked;
                    sendToAck.Add((acked - sent) * 1000.0 / Stopwatch.Frequency);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The client's timeout: an offer far beyond what the server takes queues longer than it waits.
                    Interlocked.Increment(ref errors);
                }
            }, cancellationToken));
        }
        var offered = Stopwatch.GetTimestamp();
        await Task.WhenAll(tasks);
        return (acks, sendToAck, errors, BenchContext.Seconds(start, offered), BenchContext.Seconds(start, Stopwatch.GetTimestamp()));
    }
}
