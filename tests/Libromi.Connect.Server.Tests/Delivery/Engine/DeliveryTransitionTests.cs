using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Server.Delivery.Outcomes;

namespace Libromi.Connect.Server.Tests.Delivery.Engine;

public sealed class DeliveryTransitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);
    private static readonly DeliveryOptions Options = new() { RetryJitter = 0, MaxRetryAfter = TimeSpan.FromMinutes(10) };
    private static readonly RetryPolicy Policy = new(Options, new Random(1));

    /// <summary>Attempt number (1-based), outcome, expected status, expected delay to the next attempt, expected health.</summary>
    public static TheoryData<int, string, DeliveryStatus, double, EndpointHealth> Table => new()
    {
        { 1, "200", DeliveryStatus.Succeeded, 0, EndpointHealth.Succeeded },
        { 1, "204", DeliveryStatus.Succeeded, 0, EndpointHealth.Succeeded },
        { 1, "301", DeliveryStatus.Pending, 5, EndpointHealth.Failed },
        { 1, "400", DeliveryStatus.Pending, 5, EndpointHealth.Failed },
        { 2, "404", DeliveryStatus.Pending, 300, EndpointHealth.Failed },
        { 3, "500", DeliveryStatus.Pending, 1800, EndpointHealth.Failed },
        { 4, "500", DeliveryStatus.Failed, 0, EndpointHealth.Failed },
        { 1, "410", DeliveryStatus.Failed, 0, EndpointHealth.Gone },
        { 4, "410", DeliveryStatus.Failed, 0, EndpointHealth.Gone },
        { 1, "429 retry-after 120", DeliveryStatus.Pending, 120, EndpointHealth.Failed },
        { 1, "503 retry-after 0", DeliveryStatus.Pending, 1, EndpointHealth.Failed },
        { 1, "503 retry-after 86400", DeliveryStatus.Pending, 600, EndpointHealth.Failed },
        { 4, "429 retry-after 120", DeliveryStatus.Failed, 0, EndpointHealth.Failed },
        { 1, "timeout", DeliveryStatus.Pending, 5, EndpointHealth.Failed },
        { 4, "timeout", DeliveryStatus.Failed, 0, EndpointHealth.Failed },
        { 2, "connection_reset", DeliveryStatus.Pending, 300, EndpointHealth.Failed },
        { 1, "internal_error", DeliveryStatus.Pending, 5, EndpointHealth.Failed },
        { 1, "disabled", DeliveryStatus.Failed, 0, EndpointHealth.Unchanged },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_outcome_leads_to_its_state_retry_time_and_endpoint_health(int attempt, string outcome, DeliveryStatus status, double delaySeconds, EndpointHealth health)
    {
        var lease = Lease(attempt - 1);

        var step = DeliveryTransition.Next(lease, Outcome(lease, outcome), Now, Policy);

        Assert.Equal(status, step.Status);
        Assert.Equal(Now.AddSeconds(delaySeconds), step.NextAttemptAt);
        Assert.Equal(health, step.Health);
        Assert.Equal(attempt, step.Attempt?.Attempt);
    }

    [Fact]
    public void An_answer_is_logged_with_its_status_headers_and_body()
    {
        var lease = Lease(0);

        var step = DeliveryTransition.Next(lease, new Failed(lease, Now, 42, ErrorKinds.HttpStatus, "HTTP 500 Internal Server Error",
            new AttemptResponse(500, """{"x":"1"}""", "down")), Now, Policy);

        Assert.Equal(new AttemptLogEntry(1, Now, 42, 500, ErrorKinds.HttpStatus, "HTTP 500 Internal Server Error", """{"x":"1"}""", "down"), step.Attempt);
    }

    [Fact]
    public void A_disabled_webhook_ends_the_delivery_with_an_attempt_that_says_why_and_no_verdict_on_the_endpoint()
    {
        var lease = Lease(1);

        var step = DeliveryTransition.Next(lease, new Skipped(lease, Now, SkipReason.WebhookDisabled), Now, Policy);

        Assert.Equal(new AttemptLogEntry(2, Now, 0, null, ErrorKinds.WebhookDisabled, DeliveryTransition.DisabledMessage, null, null), step.Attempt);
    }

    [Theory]
    [InlineData(SkipReason.ShuttingDown)]
    [InlineData(SkipReason.LeaseTooShort)]
    [InlineData(SkipReason.CircuitOpen)]
    [InlineData(SkipReason.EndpointBusy)]
    public void An_attempt_not_made_hands_the_delivery_back_due_at_once_without_counting_it(SkipReason reason)
    {
        var lease = Lease(3);

        var step = DeliveryTransition.Next(lease, new Skipped(lease, Now, reason), Now, Policy);

        Assert.True(step.HandedBack);
        Assert.Equal(DeliveryStatus.Pending, step.Status);
        Assert.Equal(Now, step.NextAttemptAt);
        Assert.Equal(EndpointHealth.Unchanged, step.Health);
    }

    [Fact]
    public void A_manual_retry_of_a_failed_delivery_has_exactly_one_attempt_left()
    {
        // POST /deliveries/{id}/retry sets max_attempts to attempt_count + 1.
        var lease = Lease(4) with { MaxAttempts = 5 };

        var step = DeliveryTransition.Next(lease, Outcome(lease, "500"), Now, Policy);

        Assert.Equal(DeliveryStatus.Failed, step.Status);
        Assert.Equal(5, step.Attempt?.Attempt);
    }

    [Theory]
    [InlineData(EndpointHealth.Failed, EndpointHealth.Succeeded, EndpointHealth.Succeeded)]
    [InlineData(EndpointHealth.Succeeded, EndpointHealth.Gone, EndpointHealth.Gone)]
    [InlineData(EndpointHealth.Gone, EndpointHealth.Failed, EndpointHealth.Gone)]
    [InlineData(EndpointHealth.Unchanged, EndpointHealth.Failed, EndpointHealth.Failed)]
    [InlineData(EndpointHealth.Unchanged, EndpointHealth.Unchanged, EndpointHealth.Unchanged)]
    public void Verdicts_of_one_batch_on_one_endpoint_combine_gone_over_success_over_failure(EndpointHealth a, EndpointHealth b, EndpointHealth combined)
    {
        Assert.Equal(combined, DeliveryTransition.Combine(a, b));
        Assert.Equal(combined, DeliveryTransition.Combine(b, a));
    }

    private static LeasedDelivery Lease(int attemptsMade) => new(7, 3, "evt_1", "whk_1", attemptsMade, Options.MaxAttempts, Now.AddMinutes(1));

    private static AttemptOutcome Outcome(LeasedDelivery lease, string outcome)
    {
        var words = outcome.Split(' ');
        if (int.TryParse(words[0], out var code))
        {
            var response = new AttemptResponse(code, "{}", null);
            TimeSpan? retryAfter = words.Length == 3 ? TimeSpan.FromSeconds(int.Parse(words[2], System.Globalization.CultureInfo.InvariantCulture)) : null;
            return code is >= 200 and < 300
                ? new Delivered(lease, Now, 10, response)
                : new Failed(lease, Now, 10, ErrorKinds.HttpStatus, $"HTTP {code}", response, retryAfter);
        }
        return outcome == "disabled"
            ? new Skipped(lease, Now, SkipReason.WebhookDisabled)
            : new Failed(lease, Now, 10, outcome, outcome);
    }
}
