using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Webhooks.Tests.AspNetCore;

/// <summary>What the handlers under test were called with, in order, with a way to wait for more.</summary>
internal sealed class HandledEvents
{
    private readonly List<WebhookEvent> _events = [];
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyList<WebhookEvent> All
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public Task Record(WebhookEvent webhookEvent)
    {
        lock (_events)
        {
            _events.Add(webhookEvent);
        }

        _arrived.Release();
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<WebhookEvent>> WaitForCountAsync(int count, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (All.Count < count)
        {
            try
            {
                await _arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Only {All.Count} of {count} events reached a handler: {string.Join(", ", All.Select(e => e.Type))}.");
            }
        }

        return All;
    }
}
