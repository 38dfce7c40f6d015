namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// The arithmetic of a webhook's <c>rate_limit</c>, kept in the store so that every node draws on one budget. Sends are
/// spaced evenly, one slot every (1 s + margin) / limit, from the endpoint's next free slot (<c>webhooks.rate_slot_at</c>,
/// in microseconds), and never in a burst. A lease takes slots no further ahead than <see cref="Horizon"/>; the
/// deliveries it took beyond that are handed back, due when their slot will be in reach. The margin
/// (<see cref="DeliveryOptions.RateLimitMargin"/>) is what sends may drift (late dispatch, the network, the nodes'
/// clocks) and still leave at most the limit in any one-second window at the receiver; a delivery later than a quarter
/// of it for its slot (<see cref="Lateness"/>) is handed back for a new one.
/// </summary>
public static class RateBudget
{
    public static readonly TimeSpan Horizon = TimeSpan.FromSeconds(1);

    public static TimeSpan Lateness(TimeSpan margin) => margin / 4;

    /// <summary>The slots one lease got for one endpoint: <see cref="Granted"/> of them from <see cref="FirstUs"/>, every <see cref="IntervalUs"/>.</summary>
    public readonly record struct Grant(long FirstUs, int Granted, long IntervalUs, long NextFreeUs)
    {
        public DateTimeOffset SlotAt(int index) => FromMicros(FirstUs + index * IntervalUs);

        /// <summary>When the <paramref name="index"/>-th delivery left without a slot can have one: its slot comes within the horizon.</summary>
        public DateTimeOffset DueAgainAt(int index) => FromMicros(NextFreeUs + index * IntervalUs) - Horizon;
    }

    public static long IntervalMicros(int perSecond, TimeSpan margin) => ((TimeSpan.FromSeconds(1) + margin).Ticks / 10 + perSecond - 1) / perSecond;

    /// <summary>Up to <paramref name="wanted"/> slots from the next free one (or now, if that has passed), within the horizon.</summary>
    public static Grant Reserve(long? nextFreeUs, DateTimeOffset now, int wanted, int perSecond, TimeSpan margin)
    {
        var interval = IntervalMicros(perSecond, margin);
        var nowUs = Micros(now);
        var first = nextFreeUs > nowUs ? nextFreeUs.Value : nowUs;
        var reach = nowUs + Horizon.Ticks / 10;
        var granted = first > reach ? 0 : (int)Math.Min(wanted, (reach - first) / interval + 1);
        return new Grant(first, granted, interval, first + granted * interval);
    }

    public static long Micros(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks / 10;

    public static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
}
