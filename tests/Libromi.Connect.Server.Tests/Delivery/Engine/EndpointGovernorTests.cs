using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Delivery.Engine;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Delivery.Engine;

public sealed class EndpointGovernorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero));
    private readonly EndpointGovernor _governor;

    public EndpointGovernorTests() => _governor = new EndpointGovernor(Options.Create(new DeliveryOptions
    {
        MaxConcurrencyPerEndpoint = 2,
        LeaseBatchSize = 2,
        CircuitBreakerThreshold = 2,
        CircuitBreakerCoolDown = TimeSpan.FromSeconds(5),
    }), _time);

    private DateTimeOffset Later => _time.GetUtcNow().AddSeconds(30);

    [Fact]
    public async Task An_endpoint_gets_at_most_its_slots_and_the_next_attempt_waits_for_one()
    {
        using var first = await _governor.AcquireAsync("a", Later, CancellationToken.None);
        using var second = await _governor.AcquireAsync("a", Later, CancellationToken.None);
        var third = _governor.AcquireAsync("a", Later, CancellationToken.None).AsTask();

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.False(third.IsCompleted);
        Assert.Equal(["a"], _governor.Survey(_time.GetUtcNow()).Excluded);

        Assert.False(second!.Release(), "the slot went to the waiting attempt, so the endpoint is still full");
        using var admitted = await third;
        Assert.NotNull(admitted);
    }

    [Fact]
    public async Task Other_endpoints_are_not_held_up_by_a_full_one()
    {
        using var a1 = await _governor.AcquireAsync("a", Later, CancellationToken.None);
        using var a2 = await _governor.AcquireAsync("a", Later, CancellationToken.None);

        using var b = await _governor.AcquireAsync("b", Later, CancellationToken.None);

        Assert.NotNull(b);
    }

    [Fact]
    public async Task A_waiting_attempt_gives_up_when_its_lease_would_no_longer_cover_it()
    {
        using var first = await _governor.AcquireAsync("a", Later, CancellationToken.None);
        using var second = await _governor.AcquireAsync("a", Later, CancellationToken.None);
        var third = _governor.AcquireAsync("a", _time.GetUtcNow().AddSeconds(10), CancellationToken.None).AsTask();

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(third.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await third);
    }

    [Fact]
    public async Task The_queue_holds_one_leased_batch_and_refuses_more_at_once()
    {
        using var first = await _governor.AcquireAsync("a", Later, CancellationToken.None);
        using var second = await _governor.AcquireAsync("a", Later, CancellationToken.None);
        var queued = new[] { _governor.AcquireAsync("a", Later, CancellationToken.None).AsTask(), _governor.AcquireAsync("a", Later, CancellationToken.None).AsTask() };

        Assert.Null(await _governor.AcquireAsync("a", Later, CancellationToken.None));
        Assert.All(queued, q => Assert.False(q.IsCompleted));
    }

    [Fact]
    public async Task A_stopping_server_cancels_the_wait_and_leaves_nothing_behind()
    {
        using var stopping = new CancellationTokenSource();
        var first = await _governor.AcquireAsync("a", Later, CancellationToken.None);
        var second = await _governor.AcquireAsync("a", Later, CancellationToken.None);
        var third = _governor.AcquireAsync("a", Later, stopping.Token).AsTask();

        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third);
        first!.Dispose();
        second!.Dispose();

        Assert.Equal(0, _governor.Count);
    }

    [Fact]
    public async Task An_endpoint_is_forgotten_once_idle_with_nothing_to_remember()
    {
        var permit = await _governor.AcquireAsync("listen-session", Later, CancellationToken.None);
        Assert.Equal(1, _governor.Count);

        _governor.Finish(permit, "listen-session", EndpointHealth.Succeeded, _time.GetUtcNow());

        Assert.Equal(0, _governor.Count);
        Assert.Empty(_governor.Survey(_time.GetUtcNow()).Excluded);
    }

    [Fact]
    public async Task An_endpoint_with_failures_counted_is_remembered_until_a_success()
    {
        var permit = await _governor.AcquireAsync("a", Later, CancellationToken.None);
        _governor.Finish(permit, "a", EndpointHealth.Failed, _time.GetUtcNow());
        Assert.Equal(1, _governor.Count);

        _governor.Finish(null, "a", EndpointHealth.Succeeded, _time.GetUtcNow());

        Assert.Equal(0, _governor.Count);
    }

    [Fact]
    public void An_open_circuit_holds_its_endpoint_until_it_reopens_then_as_long_as_a_failed_probe_would_and_releases_it_when_the_probe_succeeds()
    {
        var now = _time.GetUtcNow();
        _governor.Finish(null, "a", EndpointHealth.Failed, now);
        _governor.Finish(null, "a", EndpointHealth.Failed, now);

        var opened = _governor.Survey(now);
        Assert.Empty(opened.Excluded);
        Assert.Equal([new HeldEndpoint("a", now.AddSeconds(5))], opened.Held);
        Assert.Equal(now.AddSeconds(5), opened.Reopens);
        Assert.True(_governor.IsOpen("a", now));

        var reopened = _governor.Survey(now.AddSeconds(5));
        Assert.Equal(["a"], reopened.Probes);
        // As long as a failed probe would keep it open: its timeout, then twice the first cool-down.
        Assert.Equal([new HeldEndpoint("a", now.AddSeconds(5) + new DeliveryOptions().Timeout + TimeSpan.FromSeconds(10))], reopened.Held);
        Assert.Empty(_governor.Survey(now.AddSeconds(5)).Probes);

        Assert.True(_governor.Finish(null, "a", EndpointHealth.Succeeded, now.AddSeconds(6)).Reopened, "a successful probe closes the circuit");
        var closed = _governor.Survey(now.AddSeconds(6));
        Assert.Empty(closed.Excluded);
        Assert.Empty(closed.Held);
        Assert.Equal(reopened.Held, closed.Released);
        Assert.Empty(_governor.Survey(now.AddSeconds(6)).Released);
    }

    [Fact]
    public void A_probe_that_was_not_made_is_made_again()
    {
        var now = _time.GetUtcNow();
        _governor.Finish(null, "a", EndpointHealth.Failed, now);
        _governor.Finish(null, "a", EndpointHealth.Failed, now);
        Assert.Equal(["a"], _governor.Survey(now.AddSeconds(5)).Probes);

        _governor.Finish(null, "a", EndpointHealth.Unchanged, now.AddSeconds(5));

        Assert.Equal(["a"], _governor.Survey(now.AddSeconds(5)).Probes);
    }
}
