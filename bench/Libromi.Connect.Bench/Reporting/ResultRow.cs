namespace Libromi.Connect.Bench.Reporting;

/// <summary>One line of the results table. <paramref name="Met"/> is null when the figure has no target.</summary>
public sealed record ResultRow(string Scenario, string Figure, string Target, bool? Met, string Note = "");
