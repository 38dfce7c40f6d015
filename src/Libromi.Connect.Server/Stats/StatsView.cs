namespace Libromi.Connect.Server.Stats;

/// <summary>The answer of <c>GET /api/v1/webhooks/{id}/stats</c> (with <see cref="WebhookId"/>) and <c>GET /api/v1/stats</c> (without).</summary>
public sealed record StatsView(string? WebhookId, DateTimeOffset GeneratedAt, BacklogView Backlog, StatsWindow LastHour, StatsWindow LastDay);

/// <summary>Deliveries waiting now: how many, and when the oldest of them was created.</summary>
public sealed record BacklogView(long Pending, DateTimeOffset? OldestPendingAt);

/// <summary>
/// One window, from <see cref="From"/> (the start of its first 5-minute bucket) to now: deliveries that ended in it by
/// outcome, attempts by outcome, the share of ended deliveries that succeeded (null when none ended), and the p50/p99 of
/// attempt durations in ms, estimated from the rollup's histogram (null without attempts).
/// </summary>
public sealed record StatsWindow(DateTimeOffset From, OutcomeCounts Deliveries, OutcomeCounts Attempts, double? SuccessRate, DurationPercentiles AttemptDurationMs);

public sealed record OutcomeCounts(long Succeeded, long Failed);

public sealed record DurationPercentiles(double? P50, double? P99);
