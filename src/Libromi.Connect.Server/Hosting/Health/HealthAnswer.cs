namespace Libromi.Connect.Server.Hosting.Health;

/// <summary>
/// The body of <c>/healthz</c>, <c>/healthz/live</c> and <c>/healthz/ready</c>: <c>ok</c>, <c>degraded</c> or
/// <c>unhealthy</c>, and each check that ran. Descriptions are the server's own sentences: no connection string, no secret.
/// </summary>
public sealed record HealthAnswer(string Status, IReadOnlyList<HealthCheckAnswer> Checks);

/// <summary>One check of a <see cref="HealthAnswer"/>: its name (<c>store</c>, <c>dispatcher</c>), status, what it found and how long it took.</summary>
public sealed record HealthCheckAnswer(string Name, string Status, string? Description, double DurationMs);
