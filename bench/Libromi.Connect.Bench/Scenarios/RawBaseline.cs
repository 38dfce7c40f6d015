using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Libromi.Connect.Bench.Reporting;
using Libromi.Connect.Webhooks;
using Libromi.Connect.Webhooks.Signing;

namespace Libromi.Connect.Bench.Scenarios;

/// <summary>
/// Scenario 1: HttpClient posting the same kind of signed bodies straight to the receiver, signing each request as the
/// server does, with the concurrency the delivery engine reaches for the same fan-out. The machine's limit for the job.
/// </summary>
public static class RawBaseline
{
    /// <summary>The engine's concurrency for a fan-out: 32 per endpoint, 512 in all (the delivery defaults).</summary>
    public static int ConcurrencyFor(int endpoints) => Math.Min(512, endpoints * 32);

    public static async Task RunAllAsync(BenchContext context, CancellationToken cancellationToken)
    {
        foreach (var endpoints in DeliveryThroughput.FanOuts)
        {
            await ForAsync(context, endpoints, cancellationToken);
        }
    }

    /// <summary>The raw rate for <paramref name="endpoints"/>, measured (and reported) the first time this run asks for it.</summary>
    public static async Task<double> ForAsync(BenchContext context, int endpoints, CancellationToken cancellationToken)
    {
        var concurrency = ConcurrencyFor(endpoints);
        if (context.RawBaselines.TryGetValue(concurrency, out var measured))
        {
            return measured;
        }
        var rate = await RunAsync(context, endpoints, concurrency, cancellationToken);
        context.RawBaselines[concurrency] = rate;
        context.Rows.Add(new ResultRow("1. Raw baseline", $"{BenchContext.Rate(rate)} requests/s", "", null,
            $"{endpoints} endpoint(s), concurrency {concurrency}, signed as the server signs"));
        return rate;
    }

    public static async Task<double> RunAsync(BenchContext context, int endpoints, int concurrency, CancellationToken cancellationToken)
    {
        var seconds = context.Options.Quick ? 2 : 10;
        var bodies = Enumerable.Range(0, 256).Select(i => Envelopes.Body(i)).ToArray();
        var signer = new WebhookSigner(WebhookSecret.Generate());
        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 32,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        });
        var json = new MediaTypeHeaderValue("application/json");
        long sent = 0;
        var counting = false;

        async Task SendAsync(int worker, CancellationToken stop)
        {
            for (var i = worker; !stop.IsCancellationRequested; i += concurrency)
            {
                var body = bodies[i % bodies.Length];
                var id = "evt_raw" + i.ToString(CultureInfo.InvariantCulture);
                var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                using var request = new HttpRequestMessage(HttpMethod.Post, context.Receiver.Url("ok", i % endpoints)) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = json;
                request.Headers.TryAddWithoutValidation(WebhookHeaders.Signature, signer.SignLibromi(body));
                request.Headers.TryAddWithoutValidation(WebhookHeaders.EventId, id);
                request.Headers.TryAddWithoutValidation(WebhookHeaders.EventType, "message.received");
                request.Headers.TryAddWithoutValidation(WebhookHeaders.WebhookId, id);
                request.Headers.TryAddWithoutValidation(WebhookHeaders.WebhookTimestamp, timestamp.ToString(CultureInfo.InvariantCulture));
                request.Headers.TryAddWithoutValidation(WebhookHeaders.WebhookSignature, signer.SignStandard(id, timestamp, body));
                try
                {
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
                    response.EnsureSuccessStatusCode();
                    await response.Content.CopyToAsync(Stream.Null, stop);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                if (Volatile.Read(ref counting))
                {
                    Interlocked.Increment(ref sent);
                }
            }
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(() => SendAsync(w, stop.Token), CancellationToken.None)).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        Volatile.Write(ref counting, true);
        var from = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        var count = Interlocked.Read(ref sent);
        var to = Stopwatch.GetTimestamp();
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        var rate = count / BenchContext.Seconds(from, to);
        BenchContext.Log($"raw baseline: {endpoints} endpoint(s), concurrency {concurrency}: {rate:0} requests/s");
        return rate;
    }
}
