using Libromi.Connect.Server.Delivery.Engine;

namespace Libromi.Connect.Server.Events.Operational;

/// <summary>
/// A webhook's standing as an outcome batch changed it, stored by this batch (not a change another node made first).
/// <see cref="Disabled"/> and <see cref="Recovered"/> are the changes that operational events report.
/// </summary>
public sealed record HealthChange(string WebhookId, WebhookHealth Before, WebhookHealth After)
{
    /// <summary>The engine disabled the webhook (failing too long, or 410 Gone).</summary>
    public bool Disabled => Before.Enabled && !After.Enabled;

    /// <summary>
    /// The webhook was failing, and is no longer: it had a failed attempt (<see cref="WebhookHealth.FailingSince"/> set)
    /// and no success since, and now one succeeded.
    /// </summary>
    public bool Recovered => Before.FailingSince is not null && After.FailingSince is null;
}
