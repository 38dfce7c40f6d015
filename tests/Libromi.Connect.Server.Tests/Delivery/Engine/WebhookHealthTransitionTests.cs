using Libromi.Connect.Server.Delivery.Engine;

namespace Libromi.Connect.Server.Tests.Delivery.Engine;

/// <summary>The webhook half of <see cref="DeliveryTransition"/>: failing streaks, auto-disable and 410.</summary>
public sealed class WebhookHealthTransitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan DisableAfter = TimeSpan.FromDays(5);
    private static readonly WebhookHealth Healthy = new(true, null, null);

    [Fact]
    public void A_first_failure_starts_the_streak_and_leaves_the_webhook_enabled() =>
        Assert.Equal(Healthy with { FailingSince = Now }, DeliveryTransition.Next(Healthy, EndpointHealth.Failed, Now, DisableAfter));

    [Fact]
    public void A_later_failure_within_the_limit_keeps_the_start_of_the_streak()
    {
        var failing = Healthy with { FailingSince = Now - DisableAfter + TimeSpan.FromMinutes(1) };

        Assert.Equal(failing, DeliveryTransition.Next(failing, EndpointHealth.Failed, Now, DisableAfter));
    }

    [Fact]
    public void A_failure_once_the_streak_is_as_old_as_the_limit_disables_the_webhook_as_failing()
    {
        var failing = Healthy with { FailingSince = Now - DisableAfter };

        Assert.Equal(new WebhookHealth(false, failing.FailingSince, WebhookHealth.Failing), DeliveryTransition.Next(failing, EndpointHealth.Failed, Now, DisableAfter));
    }

    [Fact]
    public void A_success_ends_the_streak() =>
        Assert.Equal(Healthy, DeliveryTransition.Next(Healthy with { FailingSince = Now.AddDays(-4) }, EndpointHealth.Succeeded, Now, DisableAfter));

    [Fact]
    public void Gone_disables_at_once_whatever_the_streak() =>
        Assert.Equal(new WebhookHealth(false, null, WebhookHealth.Gone), DeliveryTransition.Next(Healthy, EndpointHealth.Gone, Now, DisableAfter));

    [Theory]
    [InlineData(EndpointHealth.Gone)]
    [InlineData(EndpointHealth.Failed)]
    public void A_disabled_webhook_keeps_the_reason_it_was_disabled_for(EndpointHealth health)
    {
        var disabled = new WebhookHealth(false, Now.AddDays(-9), "failing");

        Assert.Equal(disabled, DeliveryTransition.Next(disabled, health, Now, DisableAfter));
    }

    [Fact]
    public void An_attempt_not_made_changes_nothing()
    {
        var failing = Healthy with { FailingSince = Now.AddDays(-9) };

        Assert.Equal(failing, DeliveryTransition.Next(failing, EndpointHealth.Unchanged, Now, DisableAfter));
    }
}
