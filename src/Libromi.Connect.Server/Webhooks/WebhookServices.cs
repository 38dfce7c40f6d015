using Libromi.Connect.Server.Accounts;

namespace Libromi.Connect.Server.Webhooks;

/// <summary>What every <see cref="WebhooksApi"/> handler is given (bound with <c>[AsParameters]</c>).</summary>
public sealed record WebhookServices(WebhookService Webhooks, Caller Caller, HttpContext Http, CancellationToken CancellationToken);
