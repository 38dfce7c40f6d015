using System.Globalization;
using System.Text.RegularExpressions;

namespace Libromi.Connect.Server.Storage.Postgres.Partitions;

/// <summary>
/// The time partitions of <c>events</c>, <c>deliveries</c> and <c>delivery_attempts</c>: which exist, and creating the
/// coming ones. The three tables are partitioned alike (the same bounds, created and dropped in one transaction), so an
/// event, its deliveries and their attempts, which all carry the event's <c>created_at</c>, lie in one range. Ranges are
/// aligned to the interval from the unix epoch, so daily partitions start at midnight UTC; a partition is named after
/// its table and the UTC start of its range: <c>events_p20261202</c>, or <c>events_p20261202t061500</c> when the range
/// does not start at midnight. Everything before the first range is the partition <c>*_legacy</c> of migration 8.
/// </summary>
public static partial class TimePartitions
{
    /// <summary>The partitioned tables, in the order their partitions are locked and dropped (the order the stores write them).</summary>
    public static IReadOnlyList<string> Tables { get; } = ["events", "deliveries", "delivery_attempts"];

    /// <summary>How many intervals, the current one included, have their partitions before the clock reaches them.</summary>
    public const int Ahead = 3;

    /// <summary>The start of the interval holding <paramref name="ms"/>.</summary>
    public static long Floor(long ms, TimeSpan interval)
    {
        var width = (long)interval.TotalMilliseconds;
        return ms - (((ms % width) + width) % width);
    }

    /// <summary>The partition of <paramref name="table"/> whose range starts at <paramref name="lower"/>.</summary>
    public static string Name(string table, long lower)
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(lower).UtcDateTime;
        return table + "_p" + start.ToString(start.TimeOfDay == TimeSpan.Zero ? "yyyyMMdd" : "yyyyMMdd't'HHmmss", CultureInfo.InvariantCulture);
    }

    /// <summary>The partitions of <paramref name="table"/>, oldest first.</summary>
    public static async Task<List<PartitionRange>> ListAsync(StoreSession session, string table, CancellationToken cancellationToken)
    {
        await using var select = session.Command("""
            SELECT c.relname, pg_get_expr(c.relpartbound, c.oid)
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = to_regclass(@table)
            """).With("@table", table);
        var ranges = new List<PartitionRange>();
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var bound = Bound().Match(reader.GetString(1));
                if (!bound.Success)
                {
                    throw new InvalidOperationException($"The partition {reader.GetString(0)} of {table} is not a range of created_at: {reader.GetString(1)}.");
                }
                ranges.Add(new PartitionRange(reader.GetString(0), Value(bound.Groups["lower"].Value), Value(bound.Groups["upper"].Value)));
            }
        }
        ranges.Sort((a, b) => a.Lower.CompareTo(b.Lower));
        return ranges;
    }

    /// <summary>
    /// Creates the partitions of every table from the end of its last one up to the end of the <see cref="Ahead"/>th
    /// interval from <paramref name="now"/>; none for the past, when the store was idle for longer. Returns how many it created.
    /// </summary>
    public static async Task<int> CreateAheadAsync(StoreSession session, DateTimeOffset now, TimeSpan interval, CancellationToken cancellationToken)
    {
        var current = Floor(now.ToUnixTimeMilliseconds(), interval);
        var width = (long)interval.TotalMilliseconds;
        var until = current + (Ahead * width);
        var created = 0;
        foreach (var table in Tables)
        {
            var ranges = await ListAsync(session, table, cancellationToken);
            var lower = Math.Max(ranges.Count == 0 ? current : ranges.Max(r => r.Upper), current);
            while (lower < until)
            {
                // A range after an irregular bound (the legacy partition's) ends at the next aligned one.
                var upper = Floor(lower, interval) + width;
                await using var create = session.Command(string.Create(CultureInfo.InvariantCulture,
                    $"CREATE TABLE IF NOT EXISTS {Name(table, lower)} PARTITION OF {table} FOR VALUES FROM ({lower}) TO ({upper})"));
                await create.ExecuteNonQueryAsync(cancellationToken);
                created++;
                lower = upper;
            }
        }
        return created;
    }

    private static long Value(string bound) =>
        bound == "MINVALUE" ? long.MinValue
        : bound == "MAXVALUE" ? long.MaxValue
        : long.Parse(bound.Trim('\''), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^FOR VALUES FROM \((?<lower>[^)]+)\) TO \((?<upper>[^)]+)\)$")]
    private static partial Regex Bound();
}
