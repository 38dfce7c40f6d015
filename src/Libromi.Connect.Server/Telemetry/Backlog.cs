namespace Libromi.Connect.Server.Telemetry;

/// <summary>The store's delivery backlog as last read: pending deliveries, and when the oldest of them was created (null when none).</summary>
public sealed record Backlog(long Pending, DateTimeOffset? OldestCreatedAt, DateTimeOffset ReadAt)
{
    public static Backlog Unknown { get; } = new(0, null, DateTimeOffset.MinValue);
}
