namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// What the dispatcher must do about the endpoints before it leases: leave <see cref="Excluded"/> out (full, or their
/// circuit holds them back), move the due deliveries of newly opened circuits to when they reopen
/// (<see cref="Deferrals"/>), send one probe to each of <see cref="Probes"/>, and look again by <see cref="Reopens"/>.
/// </summary>
public sealed record GovernorSurvey(
    IReadOnlyList<string> Excluded,
    IReadOnlyList<(string WebhookId, DateTimeOffset Until)> Deferrals,
    IReadOnlyList<string> Probes,
    DateTimeOffset? Reopens);
