using System.Collections.Concurrent;
using System.Diagnostics;

namespace Libromi.Connect.Bench.Load;

/// <summary>
/// Open-loop load: starts one request every 1/<c>rate</c> seconds for the duration, whether or not earlier ones were
/// answered, and records when each started and how long its answer took, so latencies can be read per stretch of the
/// run (for example while a purge ran).
/// </summary>
public static class OpenLoop
{
    /// <param name="StartedAt">Seconds from the start of the run.</param>
    /// <param name="LatencyMs">Until the answer; for a failed request, until it failed.</param>
    public sealed record Sample(double StartedAt, double LatencyMs, bool Ok);

    public static async Task<IReadOnlyList<Sample>> RunAsync(int rate, TimeSpan duration, Func<long, CancellationToken, Task> request, CancellationToken cancellationToken)
    {
        var samples = new ConcurrentBag<Sample>();
        var requests = (long)(rate * duration.TotalSeconds);
        var interval = (double)Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        var tasks = new List<Task>((int)Math.Min(requests, int.MaxValue));
        for (long i = 0; i < requests; i++)
        {
            var due = start + (long)(i * interval);
            while (Stopwatch.GetTimestamp() < due)
            {
                await Task.Delay(1, cancellationToken);
            }
            var n = i;
            tasks.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                var ok = true;
                try
                {
                    await request(n, cancellationToken);
                }
                catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    ok = false;
                }
                var answered = Stopwatch.GetTimestamp();
                samples.Add(new Sample((sent - start) / (double)Stopwatch.Frequency, (answered - sent) * 1000.0 / Stopwatch.Frequency, ok));
            }, cancellationToken));
        }
        await Task.WhenAll(tasks);
        return [.. samples.OrderBy(s => s.StartedAt)];
    }
}
