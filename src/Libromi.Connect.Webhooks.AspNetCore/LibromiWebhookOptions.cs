using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Webhooks.AspNetCore;

/// <summary>
/// Configures a webhook endpoint mapped by <c>MapLibromiWebhooks</c>: its secrets, its handlers, its queue and its
/// retries. Values set through <c>AddLibromiWebhooks</c> apply to every endpoint; each endpoint may then change them.
/// </summary>
public sealed class LibromiWebhookOptions
{
    private readonly Dictionary<string, WebhookHandler> _handlers = new(StringComparer.Ordinal);

    /// <summary>
    /// The webhook's signing secrets, several at once while rotating (the <c>secret</c> returned when the webhook was
    /// created, <c>whsec_…</c>). Default: empty; the endpoint needs a secret or one of <see cref="PublicKeys"/>, and
    /// refuses to map with neither.
    /// </summary>
    public IList<string> Secrets { get; set; } = [];

    /// <summary>
    /// The Ed25519 public keys of a webhook whose <c>signing</c> is <c>ed25519</c> (its <c>public_key</c>,
    /// <c>whpk_…</c>), several at once while rotating: a request verifies when a <c>v1a</c> entry of
    /// <c>webhook-signature</c> matches any of them. With public keys alone the receiver keeps no shared secret.
    /// Default: empty.
    /// </summary>
    public IList<string> PublicKeys { get; set; } = [];

    /// <summary>
    /// How far the <c>webhook-timestamp</c> may be from now, either way, before a request counts as a replay and is
    /// answered 401; so a captured delivery verifies for at most twice this long, and the idempotency store must
    /// remember each event id at least that long. Requests with only <c>X-Libromi-Signature</c> have no timestamp and
    /// are not bounded by it. Default 5 minutes.
    /// </summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether a request with only <c>X-Libromi-Signature</c> is accepted. That scheme has no timestamp, so whoever
    /// captured a delivery can strip its Standard Webhooks headers and replay it at any time; only the idempotency
    /// store then stops the handler running again, and only while it remembers the id. Libromi Connect signs every
    /// delivery with both schemes, so this endpoint refuses such requests by default and every replay is answered 401
    /// once its timestamp is outside <see cref="Tolerance"/>. Set true only for a sender that knows only the original
    /// scheme. Default false.
    /// </summary>
    public bool AcceptLibromiSignature { get; set; }

    /// <summary>The largest request body accepted; larger ones are answered 413. Default 1 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How many accepted events may wait for a handler. When the queue is full, requests are answered 503 with
    /// <see cref="RetryAfter"/>, so that Libromi Connect delivers the event again later instead of it being lost. Default 1,000.
    /// </summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>How many events are handled at once. Default 4.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>How many times a failing handler is run for one event, the first run included. Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The pause before the first retry of a failing handler; it doubles with each further retry. Default 1 second.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between retries of a failing handler. Default 1 minute.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The <c>Retry-After</c> sent with a 503 when the queue is full, and the least sent when the idempotency store is;
    /// rounded up to whole seconds. Default 10 seconds.
    /// </summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Remembers handled event ids. Default null: the <see cref="IWebhookIdempotencyStore"/> registered in the
    /// container if there is one, otherwise a <see cref="MemoryWebhookIdempotencyStore"/> of this endpoint's own: up
    /// to 100,000 ids (or twice the queue capacity and concurrency, if that is more), each kept 24 hours and in any case
    /// twice <see cref="Tolerance"/> after it was last offered. When it is full of ids that a replay could still use,
    /// new events are answered 503 with a <c>Retry-After</c> of when room frees up (at least <see cref="RetryAfter"/>).
    /// </summary>
    public IWebhookIdempotencyStore? IdempotencyStore { get; set; }

    internal IReadOnlyDictionary<string, WebhookHandler> Handlers => _handlers;

    /// <summary>Handles one event type. Events of types without a handler are acknowledged and dropped.</summary>
    /// <typeparam name="TData">The event's data type, such as <see cref="MessageReceived"/>.</typeparam>
    /// <param name="handler">Runs in the background after the request was answered; throw to have it retried.</param>
    /// <returns>These options, for chaining.</returns>
    /// <exception cref="InvalidOperationException">A handler for this event type is already registered.</exception>
    public LibromiWebhookOptions On<TData>(Func<WebhookEvent<TData>, CancellationToken, Task> handler)
        where TData : IWebhookEventData
    {
        ArgumentNullException.ThrowIfNull(handler);
        return On<TData>((webhookEvent, _, cancellationToken) => handler(webhookEvent, cancellationToken));
    }

    /// <summary>
    /// Handles one event type with services from the container: each run gets a fresh scope, so scoped services such
    /// as a database context can be resolved from it.
    /// </summary>
    /// <typeparam name="TData">The event's data type, such as <see cref="MessageReceived"/>.</typeparam>
    /// <param name="handler">Runs in the background after the request was answered; throw to have it retried.</param>
    /// <returns>These options, for chaining.</returns>
    /// <exception cref="InvalidOperationException">A handler for this event type is already registered.</exception>
    public LibromiWebhookOptions On<TData>(Func<WebhookEvent<TData>, IServiceProvider, CancellationToken, Task> handler)
        where TData : IWebhookEventData
    {
        ArgumentNullException.ThrowIfNull(handler);
        // One handler per type keeps "runs once per event" simple: a retry never re-runs another handler that had succeeded.
        if (!_handlers.TryAdd(TData.EventType, new WebhookHandler(TData.EventType,
                (webhookEvent, services, cancellationToken) => handler((WebhookEvent<TData>)webhookEvent, services, cancellationToken))))
        {
            throw new InvalidOperationException($"A handler for {TData.EventType} is already registered; handle everything for one event type in one handler.");
        }

        return this;
    }

    internal void Validate()
    {
        if (Secrets is null || PublicKeys is null || (Secrets.Count == 0 && PublicKeys.Count == 0) || Secrets.Any(string.IsNullOrEmpty))
        {
            throw new InvalidOperationException("Configure the webhook's signing secret, options.Secrets = [\"whsec_...\"], or its Ed25519 public key, options.PublicKeys = [\"whpk_...\"].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBodyBytes, 1, nameof(MaxBodyBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1, nameof(QueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1, nameof(MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(FirstRetryDelay, TimeSpan.Zero, nameof(FirstRetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, FirstRetryDelay, nameof(MaxRetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryAfter, TimeSpan.Zero, nameof(RetryAfter));
    }

    internal TimeSpan RetryDelay(int failedAttempt)
    {
        var factor = Math.Pow(2, Math.Min(failedAttempt - 1, 30));
        var delay = FirstRetryDelay * factor;
        return delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }
}
