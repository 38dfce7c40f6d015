namespace Libromi.Connect.Bench.Receiver;

/// <summary>Requests answered per kind, and the <see cref="System.Diagnostics.Stopwatch"/> timestamp of the first 200.</summary>
public sealed record ReceiverStats(long Ok, long Fail, long Hang, long FirstOkTimestamp);
