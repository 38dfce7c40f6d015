using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Webhooks.AspNetCore;

/// <summary>A registered handler with its event type erased, so one queue can carry every type.</summary>
internal sealed class WebhookHandler(string eventType, Func<WebhookEvent, IServiceProvider, CancellationToken, Task> invoke)
{
    public string EventType { get; } = eventType;

    public Task InvokeAsync(WebhookEvent webhookEvent, IServiceProvider services, CancellationToken cancellationToken) =>
        invoke(webhookEvent, services, cancellationToken);
}
