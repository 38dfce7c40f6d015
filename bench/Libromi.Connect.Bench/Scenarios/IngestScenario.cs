using System.Diagnostics;
using Libromi.Connect.Bench.Reporting;
using Libromi.Connect.Bench.Server;

namespace Libromi.Connect.Bench.Scenarios;

/// <summary>
/// Scenario 4: how many events the REST API acknowledges per second (closed loop, 64 clients alternating new contacts
/// and inbound messages) while the worker delivers every one of them to a subscribed endpoint.
/// </summary>
public static class IngestScenario
{
    private const int Clients = 64;

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Options.Quick ? 4 : 15;
        await context.Receiver.ResetAsync(cancellationToken);
        await using var server = await LibromiProcess.StartAsync(context.NewDatabase("ingest"), paused: false, null, cancellationToken);
        await server.Api.CreateWebhookAsync(context.Receiver.Url("ok", 0), ["*"], cancellationToken);
        long acknowledged = 0;
        long next = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var start = Stopwatch.GetTimestamp();
        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref next);
                if (c % 2 == 0)
                {
                    await server.Api.CreateContactAsync(n, cancellationToken);
                }
                else
                {
                    await server.Api.InboundAsync(n, cancellationToken);
                }
                Interlocked.Increment(ref acknowledged);
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(clients);
        var elapsed = BenchContext.Seconds(start, Stopwatch.GetTimestamp());
        var rate = acknowledged / elapsed;
        var delivered = (await context.Receiver.StatsAsync(cancellationToken)).Ok;
        var pending = await server.Store.PendingAsync(cancellationToken);
        BenchContext.Log($"ingest: {acknowledged} events acknowledged in {elapsed:0.0} s = {rate:0}/s; delivered meanwhile {delivered}, pending at the end {pending}");
        context.Rows.Add(new ResultRow("4. Ingest (REST API, worker running)", $"{BenchContext.Rate(rate)} events/s acknowledged", "", null,
            $"{Clients} clients, {seconds} s, half new contacts and half inbound messages; {delivered:N0} delivered during the run, {pending:N0} pending at its end"));
    }
}
