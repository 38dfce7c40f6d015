using Libromi.Connect.Server.Delivery.Engine;

namespace Libromi.Connect.Server.Tests.Delivery.Engine;

public sealed class RateBudgetTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(50);

    [Fact]
    public void An_idle_endpoint_gets_evenly_spaced_slots_from_now_not_a_burst()
    {
        var grant = RateBudget.Reserve(null, Now, 3, 10, Margin);

        Assert.Equal(3, grant.Granted);
        Assert.Equal([Now, Now.AddMilliseconds(105), Now.AddMilliseconds(210)], [grant.SlotAt(0), grant.SlotAt(1), grant.SlotAt(2)]);
        Assert.Equal(RateBudget.Micros(Now.AddMilliseconds(315)), grant.NextFreeUs);
    }

    [Fact]
    public void A_lease_takes_no_slot_beyond_the_horizon_and_the_rest_are_due_when_theirs_comes_in_reach()
    {
        var grant = RateBudget.Reserve(null, Now, 10, 2, Margin);

        // 525 ms apart: now, +525 ms and +1,050 ms would be past the one-second horizon.
        Assert.Equal(2, grant.Granted);
        Assert.Equal(Now.AddMilliseconds(1050) - RateBudget.Horizon, grant.DueAgainAt(0));
        Assert.Equal(Now.AddMilliseconds(1575) - RateBudget.Horizon, grant.DueAgainAt(1));
    }

    [Fact]
    public void Slots_continue_from_the_last_one_handed_out_by_any_node()
    {
        var first = RateBudget.Reserve(null, Now, 1, 4, Margin);
        var second = RateBudget.Reserve(first.NextFreeUs, Now.AddMilliseconds(10), 1, 4, Margin);

        Assert.Equal(Now.AddMilliseconds(262.5), second.SlotAt(0));
    }

    [Fact]
    public void A_budget_used_up_to_the_horizon_grants_nothing()
    {
        var full = RateBudget.Reserve(RateBudget.Micros(Now.AddSeconds(2)), Now, 5, 10, Margin);

        Assert.Equal(0, full.Granted);
        Assert.Equal(RateBudget.Micros(Now.AddSeconds(2)), full.NextFreeUs);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(10_000)]
    public void However_the_slots_are_drawn_no_second_holds_more_than_the_limit_even_with_each_send_a_little_late(int perSecond)
    {
        var sends = new List<DateTimeOffset>();
        long? nextFree = null;
        var now = Now;
        var random = new Random(perSecond);
        while (sends.Count < perSecond * 3 + 2)
        {
            var grant = RateBudget.Reserve(nextFree, now, random.Next(1, 300), perSecond, Margin);
            nextFree = grant.NextFreeUs;
            for (var i = 0; i < grant.Granted; i++)
            {
                // Each send up to the tolerated lateness after its slot, plus jitter for the rest of the margin.
                sends.Add(grant.SlotAt(i) + RateBudget.Lateness(Margin) * random.NextDouble() + (Margin - RateBudget.Lateness(Margin)) * 0.99 * random.NextDouble());
            }
            now += TimeSpan.FromMilliseconds(random.Next(1, 400));
        }

        Assert.InRange(MostInAnySecond(sends), 1, perSecond);
    }

    /// <summary>The most sends in any window of one second (sorted, two pointers).</summary>
    internal static int MostInAnySecond(List<DateTimeOffset> sends)
    {
        sends.Sort();
        var most = 0;
        for (int start = 0, end = 0; start < sends.Count; start++)
        {
            while (end < sends.Count && sends[end] < sends[start].AddSeconds(1))
            {
                end++;
            }
            most = Math.Max(most, end - start);
        }
        return most;
    }
}
