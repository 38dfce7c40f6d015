using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Server.Delivery.Outcomes;

namespace Libromi.Connect.Server.Delivery.Transports;

/// <summary>
/// One attempt in progress: what to send (the exact body and its signed <see cref="Headers"/>), the clock, and one
/// <see cref="Cancellation"/> that fires on the timeout or at shutdown. Its factories are the only way transports build
/// outcomes, so duration, readable text and the timeout's wording are the same for all of them. <c>traceParent</c> is the
/// W3C trace context of the attempt's span, sent as <c>traceparent</c> so that the receiver's trace joins it.
/// </summary>
public sealed class Attempt : IDisposable
{
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _linked;

    public Attempt(LeasedDelivery lease, EventPayload payload, DeliveryTarget target, TimeProvider time, TimeSpan timeout, CancellationToken stopping,
        string? traceParent = null)
    {
        Lease = lease;
        Payload = payload;
        Target = target;
        Timeout = timeout;
        _time = time;
        StartedAt = time.GetUtcNow();
        _started = time.GetTimestamp();
        Headers = DeliveryHeaders.For(lease, payload, target, StartedAt.ToUnixTimeSeconds(), traceParent);
        _deadline = new CancellationTokenSource(timeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(_deadline.Token, stopping);
        Stopping = stopping;
    }

    public LeasedDelivery Lease { get; }

    public EventPayload Payload { get; }

    public DeliveryTarget Target { get; }

    public TimeSpan Timeout { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>Every header of the attempt, <c>Content-Type</c> and the signatures included.</summary>
    public IReadOnlyList<(string Name, string Value)> Headers { get; }

    /// <summary>Fires when <see cref="Timeout"/> has passed or the server is stopping.</summary>
    public CancellationToken Cancellation => _linked.Token;

    public CancellationToken Stopping { get; }

    /// <summary>True once the timeout has passed (and not because the server is stopping).</summary>
    public bool TimedOut => _deadline.IsCancellationRequested && !Stopping.IsCancellationRequested;

    public int ElapsedMs => (int)Math.Min(int.MaxValue, _time.GetElapsedTime(_started).TotalMilliseconds);

    /// <summary>A complete answer: delivered when it is a 2xx, otherwise failed with its status.</summary>
    public AttemptOutcome Answered(AttemptResponse response, TimeSpan? retryAfter = null, int? durationMs = null, string? source = null) =>
        response.StatusCode is >= 200 and < 300
            ? new Delivered(Lease, StartedAt, durationMs ?? ElapsedMs, response)
            : new Failed(Lease, StartedAt, durationMs ?? ElapsedMs, ErrorKinds.HttpStatus, ResponseText.Readable($"HTTP {response.StatusCode} {source}".TrimEnd()), response, retryAfter);

    public Failed Failure(string kind, string error, AttemptResponse? response = null, int? durationMs = null) =>
        new(Lease, StartedAt, durationMs ?? ElapsedMs, kind, ResponseText.Readable(error), response);

    /// <summary>No complete answer within the timeout; what the receiver had answered by then is kept.</summary>
    public Failed TimeoutFailure(string what, AttemptResponse? response = null) =>
        Failure(ErrorKinds.Timeout, $"{what} within {Timeout.TotalSeconds:0.###} s.", response);

    public void Dispose()
    {
        _linked.Dispose();
        _deadline.Dispose();
    }
}
