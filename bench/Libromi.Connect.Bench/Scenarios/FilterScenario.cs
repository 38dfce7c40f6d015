using System.Diagnostics;
using Libromi.Connect.Bench.Reporting;
using Libromi.Connect.Bench.Server;

namespace Libromi.Connect.Bench.Scenarios;

/// <summary>
/// Scenario 11: the cost of webhook filters at fan-out. A paused server (nothing is sent, so the API and its writer have
/// the machine) takes inbound messages from 32 closed-loop clients, once with 8 unfiltered webhooks subscribed to
/// <c>message.received</c> and once with 8 filtered ones, each filter matching about a tenth of the messages.
/// </summary>
public static class FilterScenario
{
    private const int Clients = 32;
    private const int Webhooks = 8;

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Options.Quick ? 3 : 10;
        var plain = await IngestAsync(context, "filters-none", _ => null, seconds, cancellationToken);
        var filtered = await IngestAsync(context, "filters-8", i => $$$"""{"data.contact.phone":{"$startsWith":"+1"},"data.message.content":{"$contains":"{{{i}}} here"}}""",
            seconds, cancellationToken);
        var ratio = filtered.PerSecond / plain.PerSecond;
        context.Rows.Add(new ResultRow($"11. Fan-out with filters ({Webhooks} webhooks)",
            $"{BenchContext.Rate(filtered.PerSecond)} events/s filtered vs {BenchContext.Rate(plain.PerSecond)}/s unfiltered ({ratio * 100:0}%)",
            "filtered ≥ 80% of unfiltered", ratio >= 0.8,
            $"{Clients} clients, {seconds} s each, paused server; {filtered.Pending:N0} deliveries queued of {filtered.Events:N0} events filtered, {plain.Pending:N0} of {plain.Events:N0} unfiltered"));
    }

    private static async Task<(double PerSecond, long Events, long Pending)> IngestAsync(BenchContext context, string name, Func<int, string?> filter, int seconds,
        CancellationToken cancellationToken)
    {
        await using var server = await LibromiProcess.StartAsync(context.NewDatabase(name), paused: true, null, cancellationToken);
        await server.Api.CreateSenderAsync(cancellationToken);
        for (var i = 0; i < Webhooks; i++)
        {
            await server.Api.CreateFilteredWebhookAsync(context.Receiver.Url("ok", i), ["message.received"], filter(i), cancellationToken);
        }
        long acknowledged = 0;
        long next = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var start = Stopwatch.GetTimestamp();
        var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await server.Api.InboundAsync(Interlocked.Increment(ref next), cancellationToken);
                Interlocked.Increment(ref acknowledged);
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(clients);
        var rate = acknowledged / BenchContext.Seconds(start, Stopwatch.GetTimestamp());
        var pending = await server.Store.PendingAsync(cancellationToken);
        BenchContext.Log($"{name}: {acknowledged} events acknowledged = {rate:0}/s; {pending} deliveries queued");
        return (rate, acknowledged, pending);
    }
}
