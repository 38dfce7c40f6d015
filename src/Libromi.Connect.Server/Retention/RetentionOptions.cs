namespace Libromi.Connect.Server.Retention;

/// <summary>How long data is kept and how it is forgotten. Bound from the <c>Retention</c> configuration section.</summary>
public sealed class RetentionOptions
{
    /// <summary>
    /// How long an event is kept, with its deliveries and their attempt log, after it was created and after the last of its
    /// deliveries ended; an event with a delivery still pending or retrying is never removed. Default 30 days.
    /// </summary>
    public TimeSpan Events { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the background purge runs. Default 1 minute.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most events (or idempotency keys, or listen sessions) one purge transaction removes. Default 500.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// PostgreSQL only: the width of the time partitions of events, deliveries and attempts. A whole number of seconds that
    /// divides a day or is a whole number of days, so that partitions start at midnight UTC. Default 1 day.
    /// </summary>
    public TimeSpan PartitionInterval { get; set; } = TimeSpan.FromDays(1);
}
