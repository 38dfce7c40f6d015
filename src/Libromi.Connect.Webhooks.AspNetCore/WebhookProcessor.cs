using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Libromi.Connect.Webhooks.AspNetCore;

/// <summary>
/// Runs the workers of every mapped endpoint. On shutdown the queues stop accepting (new requests get 503) and the
/// workers finish what was accepted until the host's shutdown timeout cancels them.
/// </summary>
internal sealed class WebhookProcessor(WebhookEndpointRegistry registry, IServiceScopeFactory scopes, TimeProvider time, ILoggerFactory loggers)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _abort = new();
    private readonly List<(WebhookEndpoint Endpoint, WebhookWorker Worker)> _workers = [];
    private Task _running = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(LibromiWebhookOptions).Namespace!);
        var tasks = new List<Task>();
        foreach (var endpoint in registry.Start())
        {
            var worker = new WebhookWorker(endpoint, scopes, time, logger);
            _workers.Add((endpoint, worker));
            for (var i = 0; i < endpoint.Options.MaxConcurrency; i++)
            {
                tasks.Add(Task.Run(() => worker.RunAsync(_abort.Token), CancellationToken.None));
            }
        }

        _running = Task.WhenAll(tasks);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var (endpoint, _) in _workers)
        {
            endpoint.Queue.Writer.TryComplete();
        }

        await using (cancellationToken.Register(_abort.Cancel))
        {
            await _running;
        }

        foreach (var (endpoint, worker) in _workers)
        {
            while (endpoint.Queue.Reader.TryRead(out var left))
            {
                await worker.AbandonAsync(left);
            }
        }
    }

    public void Dispose() => _abort.Dispose();
}
