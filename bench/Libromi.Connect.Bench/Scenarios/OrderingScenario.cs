using Libromi.Connect.Bench.Reporting;
using Libromi.Connect.Bench.Server;

namespace Libromi.Connect.Bench.Scenarios;

/// <summary>
/// Scenario 10: the cost of ordering. N events about 1,000 contacts (in rounds of one each, so each contact has N / 1,000
/// waiting one behind the other), already committed for one unordered webhook, then for one ordered by contact; each
/// drained as in scenario 2.
/// </summary>
public static class OrderingScenario
{
    private const int Contacts = 1000;

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var events = context.Options.Quick ? 5_000 : 50_000;
        var url = context.Receiver.Url("ok", 0);
        var unordered = await DeliveryThroughput.DrainAsync(context, "ordering-none", [url], events, DrainSpec.All, cancellationToken,
            database => FillAsync(database, url, "none", events, cancellationToken));
        var ordered = await DeliveryThroughput.DrainAsync(context, "ordering-contact", [url], events, DrainSpec.All, cancellationToken,
            database => FillAsync(database, url, "contact", events, cancellationToken));
        var ratio = ordered.PerSecond / unordered.PerSecond;
        context.Rows.Add(new ResultRow($"10. Ordering by contact ({Contacts:N0} contacts)",
            $"{BenchContext.Rate(ordered.PerSecond)}/s ordered vs {BenchContext.Rate(unordered.PerSecond)}/s unordered ({ratio * 100:0}%)",
            "ordered ≥ 50% of unordered", ratio >= 0.5,
            $"{events:N0} events to 1 endpoint, {events / Contacts:N0} per contact; ordered {ordered.Seconds:0.0} s, unordered {unordered.Seconds:0.0} s"));
    }

    private static async Task FillAsync(string database, Uri url, string ordering, int events, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var server = await LibromiProcess.StartAsync(database, paused: true, null, cancellationToken);
        await Parallel.ForEachAsync(Enumerable.Range(0, Contacts), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (n, ct) => await server.Api.CreateContactAsync(n, ct));
        await server.Api.CreateWebhookAsync(url, ["message.received"], ordering, cancellationToken);
        // In rounds of one event per contact: the contacts interleave, and each one's events are committed in turn.
        for (var round = 0; round < events / Contacts; round++)
        {
            var first = round * Contacts;
            await Parallel.ForEachAsync(Enumerable.Range(0, Contacts), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
                async (contact, ct) => await server.Api.InboundFromAsync(contact, first + contact, ct));
        }
        var pending = await server.Store.PendingAsync(cancellationToken);
        if (pending != events)
        {
            throw new InvalidOperationException($"Expected {events} pending deliveries after the fill, found {pending}.");
        }
        BenchContext.Log($"filled {database}: {events} events over {Contacts} contacts to one webhook ({ordering}) in {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
