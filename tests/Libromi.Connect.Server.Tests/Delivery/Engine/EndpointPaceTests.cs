using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Delivery.Engine;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Delivery.Engine;

/// <summary>How the governor takes an endpoint's push-back: Retry-After pauses it, a bare 429 slows it down.</summary>
public sealed class EndpointPaceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero));
    private readonly EndpointGovernor _governor;

    public EndpointPaceTests() => _governor = new EndpointGovernor(Options.Create(new DeliveryOptions
    {
        MaxConcurrencyPerEndpoint = 4,
        LeaseBatchSize = 4,
    }), _time);

    private DateTimeOffset Later => _time.GetUtcNow().AddSeconds(30);

    [Fact]
    public void Retry_After_holds_the_endpoint_until_then_so_leases_move_its_due_deliveries_there()
    {
        var until = _time.GetUtcNow().AddSeconds(30);

        _governor.Finish(null, "a", null, _time.GetUtcNow(), new EndpointPressure(until, false));

        var survey = _governor.Survey(_time.GetUtcNow());
        Assert.Equal([new HeldEndpoint("a", until)], survey.Held);
        Assert.Equal(until, survey.Reopens);
        Assert.Equal(until, _governor.PausedUntil("a", _time.GetUtcNow()));

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(_governor.Survey(_time.GetUtcNow()).Held);
        Assert.Null(_governor.PausedUntil("a", _time.GetUtcNow()));
        Assert.Equal(0, _governor.Count);
    }

    [Fact]
    public void A_shorter_pause_does_not_cut_a_longer_one_short()
    {
        var now = _time.GetUtcNow();
        _governor.Finish(null, "a", null, now, new EndpointPressure(now.AddMinutes(5), false));
        _governor.Finish(null, "a", null, now, new EndpointPressure(now.AddSeconds(5), false));

        Assert.Equal(now.AddMinutes(5), _governor.PausedUntil("a", now));
    }

    [Fact]
    public async Task A_429_without_Retry_After_halves_the_slots_and_each_success_gives_one_back()
    {
        _governor.Finish(null, "a", EndpointHealth.Failed, _time.GetUtcNow(), new EndpointPressure(null, true));
        Assert.Equal(_time.GetUtcNow().AddSeconds(1), _governor.PausedUntil("a", _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromSeconds(1));

        using var first = await _governor.AcquireAsync("a", Later, CancellationToken.None);
        var second = await _governor.AcquireAsync("a", Later, CancellationToken.None);
        var third = _governor.AcquireAsync("a", Later, CancellationToken.None).AsTask();
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.False(third.IsCompleted, "two of the four slots are held back");
        Assert.Equal(["a"], _governor.Survey(_time.GetUtcNow()).Excluded);

        Assert.True(_governor.Finish(second, "a", EndpointHealth.Succeeded, _time.GetUtcNow()).MadeRoom);
        using var admitted = await third;
        Assert.NotNull(admitted);
    }

    [Fact]
    public async Task A_slot_in_use_when_the_endpoint_is_slowed_is_taken_out_of_use_when_its_attempt_ends()
    {
        var permits = new List<EndpointPermit?>();
        for (var i = 0; i < 4; i++)
        {
            permits.Add(await _governor.AcquireAsync("a", Later, CancellationToken.None));
        }

        _governor.Finish(permits[0], "a", EndpointHealth.Failed, _time.GetUtcNow(), new EndpointPressure(null, true));
        _time.Advance(TimeSpan.FromSeconds(1));
        _governor.Finish(permits[1], "a", EndpointHealth.Failed, _time.GetUtcNow());
        _governor.Finish(permits[2], "a", EndpointHealth.Failed, _time.GetUtcNow());

        // Two slots allowed; one still in use: one more may start, not two.
        using var next = await _governor.AcquireAsync("a", Later, CancellationToken.None);
        Assert.NotNull(next);
        Assert.False(_governor.AcquireAsync("a", Later, CancellationToken.None).AsTask().IsCompleted);
    }

    [Fact]
    public void Each_429_in_a_row_doubles_the_pause_and_a_success_starts_it_over()
    {
        var now = _time.GetUtcNow();
        _governor.Finish(null, "a", EndpointHealth.Failed, now, new EndpointPressure(null, true));
        _governor.Finish(null, "a", EndpointHealth.Failed, now.AddSeconds(1), new EndpointPressure(null, true));
        Assert.Equal(now.AddSeconds(3), _governor.PausedUntil("a", now.AddSeconds(1)));

        _governor.Finish(null, "a", EndpointHealth.Succeeded, now.AddSeconds(3));
        _governor.Finish(null, "a", EndpointHealth.Failed, now.AddSeconds(3), new EndpointPressure(null, true));
        Assert.Equal(now.AddSeconds(4), _governor.PausedUntil("a", now.AddSeconds(3)));
    }
}
