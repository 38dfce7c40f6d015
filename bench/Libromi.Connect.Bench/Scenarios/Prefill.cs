using Libromi.Connect.Bench.Server;

namespace Libromi.Connect.Bench.Scenarios;

/// <summary>
/// Commits events and their deliveries without sending any: a server started with no dispatcher capacity takes the API
/// calls, then is killed. The database is left with every delivery pending and due, as after an outage.
/// </summary>
public static class Prefill
{
    public static async Task RunAsync(string database, IReadOnlyList<Uri> endpoints, int events, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var server = await LibromiProcess.StartAsync(database, paused: true, null, cancellationToken);
        await Parallel.ForEachAsync(endpoints, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (url, ct) => await server.Api.CreateWebhookAsync(url, ["message.received"], ct));
        await Parallel.ForEachAsync(Enumerable.Range(0, events), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (n, ct) => await server.Api.InboundAsync(n, ct));
        var pending = await server.Store.PendingAsync(cancellationToken);
        var expected = (long)endpoints.Count * events;
        if (pending != expected)
        {
            throw new InvalidOperationException($"Expected {expected} pending deliveries after the fill, found {pending}.");
        }
        BenchContext.Log($"filled {database}: {events} events x {endpoints.Count} endpoints = {expected} pending deliveries in {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
