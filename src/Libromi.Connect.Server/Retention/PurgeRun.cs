namespace Libromi.Connect.Server.Retention;

/// <summary>What one purge step did the last time it ran: when, how many rows it removed, how long it took, and what failed.</summary>
/// <param name="Error">The failure's type and message (never its data), or null when the step succeeded.</param>
public sealed record PurgeRun(string Step, DateTimeOffset At, long Rows, TimeSpan Duration, string? Error);
