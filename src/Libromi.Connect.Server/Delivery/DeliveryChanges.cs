namespace Libromi.Connect.Server.Delivery;

/// <summary>
/// Tells whoever is interested in this process that deliveries changed, once the change is committed: deliveries
/// fanned out from an event, leased, deferred, retried or requeued, an outcome recorded, deliveries deleted with their
/// webhook. It says nothing about which or how: the store is the truth, and a subscriber reads again what it follows
/// (a live view, a test waiting for a state). Changes that other nodes sharing the database commit are not seen here.
/// </summary>
public sealed class DeliveryChanges
{
    // Created only when someone asks for it, so publishing costs an exchange and no allocation while nobody listens.
    private TaskCompletionSource? _next;

    /// <summary>
    /// Completes at the first change published after this call. Take it before reading the state it is about, so a
    /// change committed between the read and the wait is not missed.
    /// </summary>
    public Task Next()
    {
        var next = Volatile.Read(ref _next);
        if (next is not null)
        {
            return next.Task;
        }
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (Interlocked.CompareExchange(ref _next, created, null) ?? created).Task;
    }

    /// <summary>Announces a committed change; never blocks, and the waiters' continuations run elsewhere.</summary>
    public void Publish() => Interlocked.Exchange(ref _next, null)?.TrySetResult();
}
