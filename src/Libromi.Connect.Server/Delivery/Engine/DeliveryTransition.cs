using Libromi.Connect.Server.Delivery.Outcomes;

namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// The delivery state machine, as one pure function: the leased delivery, how its attempt ended, the time, and the retry
/// policy go in; the next state, the attempt to log and the endpoint's health come out. The dispatcher feeds the health to
/// the circuit breaker and the recorder stores the rest, so neither decides anything on its own.
/// </summary>
public static class DeliveryTransition
{
    public const string DisabledMessage = "The webhook is disabled; the delivery was not sent. Re-enable the webhook, then recover or retry the delivery.";

    public static DeliveryStep Next(LeasedDelivery lease, AttemptOutcome outcome, DateTimeOffset now, RetryPolicy policy)
    {
        var attempt = lease.AttemptCount + 1;
        switch (outcome)
        {
            case Delivered d:
                return new DeliveryStep(DeliveryStatus.Succeeded, now,
                    new AttemptLogEntry(attempt, d.StartedAt, d.DurationMs, d.Response.StatusCode, null, null, d.Response.Headers, d.Response.Body),
                    EndpointHealth.Succeeded);
            case Failed f:
                var log = new AttemptLogEntry(attempt, f.StartedAt, f.DurationMs, f.Response?.StatusCode, f.Kind, f.Error, f.Response?.Headers, f.Response?.Body);
                var delay = policy.DelayAfter(attempt, f.RetryAfter);
                // Retry-After speaks for the endpoint, not only this delivery (the Standard Webhooks advice): the whole endpoint waits.
                var pressure = f.RetryAfter is not null ? new EndpointPressure(now + delay, false)
                    : f.Response?.StatusCode == 429 ? new EndpointPressure(null, true) : default;
                return !f.Retryable || attempt >= lease.MaxAttempts
                    ? new DeliveryStep(DeliveryStatus.Failed, now, log, f.Gone ? EndpointHealth.Gone : EndpointHealth.Failed, pressure)
                    : new DeliveryStep(DeliveryStatus.Pending, now + delay, log, EndpointHealth.Failed, pressure);
            case Skipped { Reason: SkipReason.WebhookDisabled } s:
                return new DeliveryStep(DeliveryStatus.Failed, now,
                    new AttemptLogEntry(attempt, s.StartedAt, 0, null, ErrorKinds.WebhookDisabled, DisabledMessage, null, null),
                    EndpointHealth.Unchanged);
            case Skipped s:
                return new DeliveryStep(DeliveryStatus.Pending, s.NotBefore ?? now, null, EndpointHealth.Unchanged);
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome.GetType().Name, "Not an outcome of this engine.");
        }
    }

    /// <summary>
    /// The webhook's next standing after outcomes that said <paramref name="health"/> about it: 410 disables it as gone;
    /// a success ends its failing streak; a failure starts one, and disables it once the streak is
    /// <paramref name="disableAfter"/> old. A disabled webhook keeps the reason it was disabled for.
    /// </summary>
    public static WebhookHealth Next(WebhookHealth current, EndpointHealth health, DateTimeOffset now, TimeSpan disableAfter) => health switch
    {
        EndpointHealth.Gone when current.Enabled => current with { Enabled = false, DisabledReason = WebhookHealth.Gone },
        EndpointHealth.Succeeded => current with { FailingSince = null },
        EndpointHealth.Failed => (current.FailingSince ?? now) is var since && current.Enabled && since <= now - disableAfter
            ? current with { FailingSince = since, Enabled = false, DisabledReason = WebhookHealth.Failing }
            : current with { FailingSince = since },
        _ => current,
    };

    /// <summary>Two verdicts on one endpoint as one: gone beats succeeded, which beats failed, which beats unchanged.</summary>
    public static EndpointHealth Combine(EndpointHealth a, EndpointHealth b) =>
        a == EndpointHealth.Gone || b == EndpointHealth.Gone ? EndpointHealth.Gone
        : a == EndpointHealth.Succeeded || b == EndpointHealth.Succeeded ? EndpointHealth.Succeeded
        : a == EndpointHealth.Failed || b == EndpointHealth.Failed ? EndpointHealth.Failed
        : EndpointHealth.Unchanged;
}
