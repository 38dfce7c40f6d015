using Libromi.Connect.Webhooks.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Libromi.Connect.Webhooks.AspNetCore;

/// <summary>Takes events off one endpoint's queue and runs their handler, retrying with backoff when it throws.</summary>
internal sealed class WebhookWorker(WebhookEndpoint endpoint, IServiceScopeFactory scopes, TimeProvider time, ILogger logger)
{
    public async Task RunAsync(CancellationToken abort)
    {
        try
        {
            await foreach (var webhookEvent in endpoint.Queue.Reader.ReadAllAsync(abort))
            {
                await ProcessAsync(webhookEvent, abort);
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Shutdown ran out of time; what is left on the queue is released by the processor.
        }
    }

    private async Task ProcessAsync(WebhookEvent webhookEvent, CancellationToken abort)
    {
        var options = endpoint.Options;
        var handler = options.Handlers[webhookEvent.Type];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using (var scope = scopes.CreateAsyncScope())
                {
                    await handler.InvokeAsync(webhookEvent, scope.ServiceProvider, abort);
                }

                await endpoint.Store.CompleteAsync(webhookEvent.Id, CancellationToken.None);
                Log.Handled(logger, webhookEvent.Type, webhookEvent.Id, attempt);
                return;
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                await AbandonAsync(webhookEvent);
                return;
            }
            catch (Exception e) when (attempt >= options.MaxAttempts)
            {
                Log.GaveUp(logger, e, webhookEvent.Type, webhookEvent.Id, options.MaxAttempts);
                await endpoint.Store.ReleaseAsync(webhookEvent.Id, CancellationToken.None);
                return;
            }
            catch (Exception e)
            {
                var delay = options.RetryDelay(attempt);
                Log.HandlerFailed(logger, e, webhookEvent.Type, webhookEvent.Id, attempt, options.MaxAttempts, delay);
                try
                {
                    await Task.Delay(delay, time, abort);
                }
                catch (OperationCanceledException)
                {
                    await AbandonAsync(webhookEvent);
                    return;
                }
            }
        }
    }

    public async Task AbandonAsync(WebhookEvent webhookEvent)
    {
        Log.Abandoned(logger, webhookEvent.Type, webhookEvent.Id);
        await endpoint.Store.ReleaseAsync(webhookEvent.Id, CancellationToken.None);
    }
}
