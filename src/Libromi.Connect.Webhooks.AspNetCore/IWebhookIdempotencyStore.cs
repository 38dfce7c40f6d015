namespace Libromi.Connect.Webhooks.AspNetCore;

/// <summary>
/// Remembers which events a receiver has taken on, so that a redelivered event never runs its handler twice.
/// The default, <see cref="MemoryWebhookIdempotencyStore"/>, forgets on restart; implement this over a database
/// to remember across restarts and across several instances of the receiver.
/// </summary>
/// <remarks>
/// Keys are event ids. A claim is taken when a request is accepted and either completed after the handler succeeds
/// or released when it is given up, so that a later redelivery can try again. A durable implementation should let
/// claims that are never completed or released (the process died) expire after a while.
/// <para>
/// A claim is attempted for every verified request, redeliveries and replays included. Whoever captured one can send
/// it again until its <c>webhook-timestamp</c> leaves the tolerance, that is for up to twice the endpoint's
/// <see cref="LibromiWebhookOptions.Tolerance"/> after the claim. An implementation must not forget a completed id
/// sooner, or such a replay runs the handler again; when it cannot take a new id without doing so, it throws
/// <see cref="WebhookIdempotencyStoreFullException"/>.
/// </para>
/// </remarks>
public interface IWebhookIdempotencyStore
{
    /// <summary>Claims an event id for processing.</summary>
    /// <param name="eventId">The event's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>False when the id is already claimed or completed: the event is a duplicate and must not run.</returns>
    /// <exception cref="WebhookIdempotencyStoreFullException">
    /// The store has no room for the id now; the endpoint answers <c>503</c> with <c>Retry-After</c>.
    /// </exception>
    ValueTask<bool> TryClaimAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Records that the event's handler succeeded; later claims of the id fail.</summary>
    /// <param name="eventId">An id claimed earlier.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the record is stored.</returns>
    ValueTask CompleteAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Gives a claim up without completing it, so that a redelivery of the event may claim it again.</summary>
    /// <param name="eventId">An id claimed earlier.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the claim is gone.</returns>
    ValueTask ReleaseAsync(string eventId, CancellationToken cancellationToken);
}
