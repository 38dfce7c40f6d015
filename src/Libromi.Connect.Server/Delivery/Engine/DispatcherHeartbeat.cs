namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// What the <see cref="Dispatcher"/> loop is doing, for the readiness check: working on a pass since a time, waiting
/// (for a commit's signal, a finished send or the next due retry) until a time, or stopped. Waiting idle is alive by
/// design: the loop is blocked on its signal with a deadline it set itself. Only a pass that runs far too long, a wait
/// that overran its own deadline, or a loop that ended (or faulted) counts as dead.
/// </summary>
public sealed class DispatcherHeartbeat(TimeProvider time)
{
    private Beat _beat = new(DispatcherState.NotStarted, time.GetUtcNow(), null, null);
    private TaskCompletionSource? _changed;

    /// <summary>The loop's last report.</summary>
    public Beat Last => Volatile.Read(ref _beat);

    /// <summary>A pass of the loop begins.</summary>
    public void Working() => Report(new Beat(DispatcherState.Working, time.GetUtcNow(), null, null));

    /// <summary>The loop blocks until woken, or until <paramref name="timeout"/> has passed at the latest.</summary>
    public void Waiting(TimeSpan timeout)
    {
        var now = time.GetUtcNow();
        Report(new Beat(DispatcherState.Waiting, now, now + timeout, null));
    }

    /// <summary>The loop ended: stopped with the host, or faulted with <paramref name="fault"/>.</summary>
    public void Stopped(Exception? fault) => Report(new Beat(DispatcherState.Stopped, time.GetUtcNow(), null, fault));

    /// <summary>Completes with the first report that satisfies <paramref name="until"/> (the current one included), for tests.</summary>
    internal async Task<Beat> WaitForAsync(Func<Beat, bool> until, CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var changed = Interlocked.CompareExchange(ref _changed, next, null) ?? next;
            if (Last is var beat && until(beat))
            {
                return beat;
            }
            await changed.Task.WaitAsync(cancellationToken);
        }
    }

    private void Report(Beat beat)
    {
        Volatile.Write(ref _beat, beat);
        // Nobody waits, in production: one read of a null field per report.
        if (Volatile.Read(ref _changed) is not null)
        {
            Interlocked.Exchange(ref _changed, null)?.TrySetResult();
        }
    }

    /// <summary>One report: its state, when it was made, until when a wait may last, and what ended the loop.</summary>
    public sealed record Beat(DispatcherState State, DateTimeOffset At, DateTimeOffset? Until, Exception? Fault);
}

/// <summary>The <see cref="Dispatcher"/> loop's state, as <see cref="DispatcherHeartbeat"/> reports it.</summary>
public enum DispatcherState
{
    NotStarted,
    Working,
    Waiting,
    Stopped,
}
