namespace Libromi.Connect.Bench.Receiver;

/// <summary>What the receiver has seen since the last reset.</summary>
internal sealed class ReceiverCounts
{
    private readonly Lock _lock = new();
    private List<Arrival> _arrivals = [];
    private long _ok;
    private long _fail;
    private long _hang;
    private long _firstOk;

    public void Ok(Arrival arrival)
    {
        if (Interlocked.Increment(ref _ok) == 1)
        {
            Volatile.Write(ref _firstOk, arrival.Timestamp);
        }
        if (arrival.Marker >= 0)
        {
            lock (_lock)
            {
                _arrivals.Add(arrival);
            }
        }
    }

    public void Fail() => Interlocked.Increment(ref _fail);

    public void Hang() => Interlocked.Increment(ref _hang);

    public ReceiverStats Snapshot() =>
        new(Interlocked.Read(ref _ok), Interlocked.Read(ref _fail), Interlocked.Read(ref _hang), Volatile.Read(ref _firstOk));

    public void Reset()
    {
        lock (_lock)
        {
            _arrivals = [];
        }
        Interlocked.Exchange(ref _ok, 0);
        Interlocked.Exchange(ref _fail, 0);
        Interlocked.Exchange(ref _hang, 0);
        Interlocked.Exchange(ref _firstOk, 0);
    }

    public string TakeArrivals()
    {
        List<Arrival> taken;
        lock (_lock)
        {
            taken = _arrivals;
            _arrivals = [];
        }
        return ReceiverApp.Format(taken);
    }
}
