using System.Diagnostics;

namespace Libromi.Connect.Bench.Load;

/// <summary>
/// Closed-loop load: each worker sends its next request as soon as the previous one is answered, until the duration has
/// passed. Requests are numbered across workers (0, 1, 2, …) so a caller can spread them round-robin or mark them.
/// </summary>
public static class ClosedLoop
{
    public static async Task<LoadResult> RunAsync(int workers, TimeSpan duration, Func<long, CancellationToken, Task> request, CancellationToken cancellationToken)
    {
        long next = -1;
        long completed = 0;
        long firstCompletion = 0;
        long lastCompletion = 0;
        var start = Stopwatch.GetTimestamp();
        var stopAt = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var loops = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                await request(Interlocked.Increment(ref next), cancellationToken);
                var now = Stopwatch.GetTimestamp();
                if (Interlocked.Increment(ref completed) == 1)
                {
                    Interlocked.Exchange(ref firstCompletion, now);
                }
                InterlockedMax(ref lastCompletion, now);
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(loops);
        return new LoadResult(completed, start, firstCompletion, lastCompletion);
    }

    private static void InterlockedMax(ref long location, long value)
    {
        var seen = Volatile.Read(ref location);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref location, value, seen);
            if (previous == seen)
            {
                return;
            }
            seen = previous;
        }
    }
}
