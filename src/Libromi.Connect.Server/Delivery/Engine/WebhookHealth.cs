namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// A webhook's standing as the engine keeps it: whether it is enabled, since when it has failed without a success in
/// between, and why it was disabled.
/// </summary>
public sealed record WebhookHealth(bool Enabled, DateTimeOffset? FailingSince, string? DisabledReason)
{
    /// <summary>The <c>disabled_reason</c> of a webhook whose receiver answered 410 Gone.</summary>
    public const string Gone = "gone";

    /// <summary>The <c>disabled_reason</c> of a webhook that failed for <see cref="DeliveryOptions.DisableAfter"/> without a success.</summary>
    public const string Failing = "failing";
}
