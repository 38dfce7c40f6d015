using System.Threading.RateLimiting;

namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// How fast this node may go to one endpoint that pushed back (see <see cref="EndpointPressure"/>). A <c>Retry-After</c>
/// pauses it until then. A 429 without one halves its concurrency (down to one attempt at a time) and pauses it for a
/// back-off that doubles while 429s keep coming (1 s up to 1 min); each success gives one slot back, so the endpoint
/// recovers gradually. Slots are taken out of the endpoint's <see cref="ConcurrencyLimiter"/> by holding its permits: a
/// slot still in use is taken over when its attempt ends (<see cref="Keep"/>). Not thread-safe: the governor's lock guards it.
/// </summary>
internal sealed class EndpointPace(int slots) : IDisposable
{
    private static readonly TimeSpan FirstBackOff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(1);

    private readonly List<RateLimitLease> _withheld = [];
    private int _owed;
    private readonly int _slots = slots;
    private int _allowed = slots;
    private TimeSpan _backOff = FirstBackOff;

    public DateTimeOffset? PausedUntil { get; private set; }

    /// <summary>Slots still in use that are to be taken out of use when their attempts end.</summary>
    public int Owed => _owed;

    /// <summary>Slots the endpoint may use now (of the configured per-endpoint concurrency).</summary>
    public int Allowed => _allowed;

    /// <summary>True when the endpoint goes at full speed and no pause is pending: nothing to remember.</summary>
    public bool IsIdle(DateTimeOffset now) => _allowed == _slots && !(PausedUntil > now);

    /// <summary>The pause's end while it lasts; null otherwise.</summary>
    public DateTimeOffset? PausedAt(DateTimeOffset now) => PausedUntil > now ? PausedUntil : null;

    public void Pause(DateTimeOffset until)
    {
        if (!(PausedUntil >= until))
        {
            PausedUntil = until;
        }
    }

    /// <summary>A 429 without <c>Retry-After</c>: half the slots, and a pause of the current back-off, which then doubles.</summary>
    public void Throttle(DateTimeOffset now, ConcurrencyLimiter limiter)
    {
        Pause(now + _backOff);
        _backOff = _backOff * 2 < MaxBackOff ? _backOff * 2 : MaxBackOff;
        var target = Math.Max(1, _allowed / 2);
        for (; _allowed > target; _allowed--)
        {
            var lease = limiter.AttemptAcquire();
            if (lease.IsAcquired)
            {
                _withheld.Add(lease);
            }
            else
            {
                lease.Dispose();
                _owed++;
            }
        }
    }

    /// <summary>A success: one slot back (returned for the caller to release outside the lock), and the back-off starts over.</summary>
    public RateLimitLease? Recover()
    {
        _backOff = FirstBackOff;
        if (_allowed == _slots)
        {
            return null;
        }
        _allowed++;
        if (_owed > 0)
        {
            _owed--;
            return null;
        }
        var lease = _withheld[^1];
        _withheld.RemoveAt(_withheld.Count - 1);
        return lease;
    }

    /// <summary>True when the slot of an ending attempt is kept back, because the endpoint was slowed while it ran.</summary>
    public bool Keep(RateLimitLease lease)
    {
        if (_owed == 0)
        {
            return false;
        }
        _owed--;
        _withheld.Add(lease);
        return true;
    }

    public void Dispose()
    {
        foreach (var lease in _withheld)
        {
            lease.Dispose();
        }
        _withheld.Clear();
    }
}
