namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// What the dispatcher must do about the endpoints before it leases: leave <see cref="Excluded"/> out (full), move the
/// due deliveries of <see cref="Held"/> (their circuit holds them back) to when the hold ends as the lease meets them,
/// send one probe to each of <see cref="Probes"/>, make what was held for a probe that succeeded due again
/// (<see cref="Released"/>), and look again by <see cref="Reopens"/>.
/// </summary>
public sealed record GovernorSurvey(
    IReadOnlyList<string> Excluded,
    IReadOnlyList<HeldEndpoint> Held,
    IReadOnlyList<string> Probes,
    DateTimeOffset? Reopens,
    IReadOnlyList<HeldEndpoint> Released);
