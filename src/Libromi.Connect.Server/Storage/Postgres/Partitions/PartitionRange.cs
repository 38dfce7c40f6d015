namespace Libromi.Connect.Server.Storage.Postgres.Partitions;

/// <summary>One partition of a time-partitioned table: its name and the created_at range [Lower, Upper) it holds, in unix ms.</summary>
/// <param name="Lower">The first millisecond it holds; <see cref="long.MinValue"/> for the legacy partition (MINVALUE).</param>
public sealed record PartitionRange(string Name, long Lower, long Upper);
