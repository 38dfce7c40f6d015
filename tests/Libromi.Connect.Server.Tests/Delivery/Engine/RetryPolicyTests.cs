using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Delivery.Engine;

namespace Libromi.Connect.Server.Tests.Delivery.Engine;

public sealed class RetryPolicyTests
{
    private static readonly DeliveryOptions Options = new();

    [Fact]
    public void Delays_follow_the_schedule_within_the_jitter_and_the_last_delay_repeats()
    {
        var policy = new RetryPolicy(Options, new Random(20261201));

        for (var i = 0; i < 200; i++)
        {
            foreach (var (attempt, scheduled) in new[] { (1, 5.0), (2, 300.0), (3, 1800.0), (9, 1800.0) })
            {
                var delay = policy.DelayAfter(attempt, null).TotalSeconds;
                Assert.InRange(delay, scheduled * 0.8, scheduled * 1.2);
            }
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_delays_and_the_jitter_spreads_them()
    {
        var first = Delays(new RetryPolicy(Options, new Random(42)));
        var second = Delays(new RetryPolicy(Options, new Random(42)));

        Assert.Equal(first, second);
        // Spread: receivers that failed together are not all retried in the same instant.
        Assert.True(first.Distinct().Count() > 90, "the jitter should spread the delays");
        Assert.InRange(first.Average(), 4.8, 5.2);
    }

    [Fact]
    public void Without_jitter_the_delay_is_the_schedule_exactly()
    {
        var policy = new RetryPolicy(new DeliveryOptions { RetryJitter = 0 }, new Random(1));

        Assert.Equal(TimeSpan.FromSeconds(5), policy.DelayAfter(1, null));
        Assert.Equal(TimeSpan.FromMinutes(30), policy.DelayAfter(3, null));
    }

    [Theory]
    [InlineData(0.2, 1)]
    [InlineData(90, 90)]
    [InlineData(7200, 3600)]
    public void A_requested_pause_is_honoured_between_a_second_and_the_cap_without_jitter(double requestedSeconds, double expectedSeconds)
    {
        var policy = new RetryPolicy(Options, new Random(3));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), policy.DelayAfter(1, TimeSpan.FromSeconds(requestedSeconds)));
    }

    private static List<double> Delays(RetryPolicy policy) => [.. Enumerable.Range(0, 100).Select(_ => policy.DelayAfter(1, null).TotalSeconds)];
}
