using Libromi.Connect.Server.Stats;

namespace Libromi.Connect.Server.Tests.Stats;

public sealed class DurationBucketsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 0)]
    [InlineData(6, 1)]
    [InlineData(10, 1)]
    [InlineData(30000, 11)]
    [InlineData(30001, 12)]
    public void A_duration_falls_in_the_bucket_whose_upper_bound_it_does_not_exceed(int ms, int bucket) =>
        Assert.Equal(bucket, DurationBuckets.Of(ms));

    [Fact]
    public void Percentiles_interpolate_within_the_bucket_that_holds_their_rank()
    {
        var counts = new long[DurationBuckets.Count];
        counts[DurationBuckets.Of(20)] = 98; // (10, 25]
        counts[DurationBuckets.Of(400)] = 2; // (250, 500]

        Assert.Equal(10 + 15 * (50.0 / 98), DurationBuckets.Percentile(counts, 0.5)!.Value, 6);
        Assert.Equal(250 + 250 * (1.0 / 2), DurationBuckets.Percentile(counts, 0.99)!.Value, 6);
    }

    [Fact]
    public void Without_counts_there_is_no_percentile_and_the_slowest_bucket_answers_its_lower_bound()
    {
        var counts = new long[DurationBuckets.Count];
        Assert.Null(DurationBuckets.Percentile(counts, 0.5));

        counts[^1] = 3;
        Assert.Equal(30000, DurationBuckets.Percentile(counts, 0.99));
    }
}
