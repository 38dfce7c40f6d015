namespace Libromi.Connect.Server.Stats;

/// <summary>
/// The fixed histogram of attempt durations the rollups keep: counts per bucket add up across rows and windows, where
/// percentiles would not. <see cref="Percentile"/> estimates one from the counts, interpolating within its bucket.
/// </summary>
public static class DurationBuckets
{
    /// <summary>Upper bounds in ms of every bucket but the last, which holds everything slower.</summary>
    public static readonly int[] UpperBoundsMs = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000];

    public static int Count => UpperBoundsMs.Length + 1;

    /// <summary>The column of bucket <paramref name="i"/> in <c>webhook_stats</c>.</summary>
    public static string Column(int i) => "d" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static int Of(int durationMs)
    {
        var i = Array.BinarySearch(UpperBoundsMs, durationMs);
        return i >= 0 ? i : ~i;
    }

    /// <summary>The <paramref name="quantile"/> (0 to 1) of the counted durations in ms, or null when none were counted.</summary>
    public static double? Percentile(IReadOnlyList<long> counts, double quantile)
    {
        var total = counts.Sum();
        if (total == 0)
        {
            return null;
        }
        // The rank of the wanted duration among all counted, 1-based, and the bucket it falls in.
        var rank = Math.Max(1, Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] == 0 || seen + counts[i] < rank)
            {
                seen += counts[i];
                continue;
            }
            double lower = i == 0 ? 0 : UpperBoundsMs[i - 1];
            if (i == UpperBoundsMs.Length)
            {
                return lower;
            }
            return lower + (UpperBoundsMs[i] - lower) * ((rank - seen) / counts[i]);
        }
        return UpperBoundsMs[^1];
    }
}
