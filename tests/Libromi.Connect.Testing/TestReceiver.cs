using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Libromi.Connect.Testing;

/// <summary>
/// A real HTTP receiver on a free loopback port (Kestrel) that records every request. By default it answers 200;
/// <see cref="Respond"/> decides otherwise per request (status, when to answer, headers).
/// </summary>
public sealed class TestReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedRequest> _arrivals = Channel.CreateUnbounded<ReceivedRequest>();
    private readonly List<ReceivedRequest> _all = [];
    private readonly CancellationTokenSource _stopping = new();

    private TestReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Decides the answer to a request; default: 200 "OK" at once.</summary>
    public Func<ReceivedRequest, Task<ReceiverResponse>> Respond { get; set; } = _ => Task.FromResult(ReceiverResponse.Ok);

    public IReadOnlyList<ReceivedRequest> Received
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public static async Task<TestReceiver> StartAsync(string path = "/webhook")
    {
        // No configuration file watcher: a test run starts many receivers, and each watcher takes an inotify instance.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new TestReceiver(app);
        app.Map("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), path);
        return receiver;
    }

    /// <summary>Waits for the next request not yet taken by a previous call.</summary>
    public async Task<ReceivedRequest> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            return await _arrivals.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No webhook request arrived within {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds} s.");
        }
    }

    /// <summary>
    /// Waits until <paramref name="count"/> requests have arrived in all, and returns all of them; checked at every
    /// arrival. <paramref name="timeout"/> (default 60 s) only guards against a hang.
    /// </summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForCountAsync(int count, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        using var hang = new CancellationTokenSource(limit);
        while (Received.Count < count)
        {
            try
            {
                await _arrivals.Reader.ReadAsync(hang.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Only {Received.Count} of {count} webhook requests arrived within {limit.TotalSeconds} s.");
            }
        }
        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        // Requests still held by ReceiverResponse.Until are dropped, or stopping would wait for them to be answered.
        await _stopping.CancelAsync();
        await _app.StopAsync();
        _stopping.Dispose();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var request = new ReceivedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            buffer.ToArray(),
            DateTimeOffset.UtcNow);
        var response = await Respond(request);
        lock (_all)
        {
            _all.Add(request);
        }
        _arrivals.Writer.TryWrite(request);
        if (response.Until is { } until)
        {
            using var held = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await until.WaitAsync(held.Token);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
                return;
            }
        }
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }
        await context.Response.WriteAsync(response.Body ?? "");
    }
}
