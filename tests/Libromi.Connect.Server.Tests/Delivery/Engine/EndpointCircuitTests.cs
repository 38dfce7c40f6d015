using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Delivery.Engine;

namespace Libromi.Connect.Server.Tests.Delivery.Engine;

public sealed class EndpointCircuitTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);
    private static readonly DeliveryOptions Options = new()
    {
        CircuitBreakerThreshold = 3,
        CircuitBreakerCoolDown = TimeSpan.FromSeconds(5),
        CircuitBreakerMaxCoolDown = TimeSpan.FromSeconds(15),
    };

    [Fact]
    public void The_circuit_opens_after_the_threshold_of_failures_in_a_row_for_the_cool_down()
    {
        var circuit = new EndpointCircuit(Options);
        circuit.Record(EndpointHealth.Failed, Start);
        circuit.Record(EndpointHealth.Failed, Start);
        Assert.Null(circuit.OpenUntil(Start));

        circuit.Record(EndpointHealth.Failed, Start);

        Assert.Equal(Start.AddSeconds(5), circuit.OpenUntil(Start));
        Assert.Null(circuit.OpenUntil(Start.AddSeconds(5)));
    }

    [Fact]
    public void A_success_in_between_starts_the_count_again()
    {
        var circuit = new EndpointCircuit(Options);
        circuit.Record(EndpointHealth.Failed, Start);
        circuit.Record(EndpointHealth.Failed, Start);
        circuit.Record(EndpointHealth.Succeeded, Start);
        circuit.Record(EndpointHealth.Failed, Start);
        circuit.Record(EndpointHealth.Failed, Start);

        Assert.Null(circuit.OpenUntil(Start));
    }

    [Fact]
    public void Each_failed_probe_doubles_the_cool_down_up_to_the_maximum_and_a_successful_one_closes_the_circuit()
    {
        var circuit = new EndpointCircuit(Options);
        var now = Start;
        for (var i = 0; i < 3; i++)
        {
            circuit.Record(EndpointHealth.Failed, now);
        }
        foreach (var coolDown in new[] { 5, 10, 15, 15 }.Select(s => TimeSpan.FromSeconds(s)))
        {
            Assert.Equal(now + coolDown, circuit.OpenUntil(now));
            Assert.False(circuit.TryStartProbe(now), "no probe before the cool-down ends");
            now += coolDown;
            Assert.True(circuit.TryStartProbe(now));
            Assert.False(circuit.TryStartProbe(now), "one probe at a time");
            Assert.True(circuit.HoldsBack);
            circuit.Record(EndpointHealth.Failed, now);
        }

        Assert.True(circuit.TryStartProbe(now + TimeSpan.FromSeconds(15)));
        circuit.Record(EndpointHealth.Succeeded, now + TimeSpan.FromSeconds(15));
        Assert.False(circuit.HoldsBack);
        for (var i = 0; i < 3; i++)
        {
            circuit.Record(EndpointHealth.Failed, now);
        }
        Assert.Equal(now.AddSeconds(5), circuit.OpenUntil(now));
    }

    [Fact]
    public void With_nothing_to_probe_the_next_delivery_is_let_through_and_one_more_failure_reopens()
    {
        var circuit = new EndpointCircuit(Options);
        for (var i = 0; i < 3; i++)
        {
            circuit.Record(EndpointHealth.Failed, Start);
        }
        Assert.True(circuit.TryStartProbe(Start.AddSeconds(5)));

        circuit.ProbeFoundNothing();
        Assert.False(circuit.HoldsBack);
        circuit.Record(EndpointHealth.Failed, Start.AddSeconds(6));

        Assert.Equal(Start.AddSeconds(16), circuit.OpenUntil(Start.AddSeconds(6)));
    }

    [Fact]
    public void Failures_reported_while_open_do_not_extend_it()
    {
        var circuit = new EndpointCircuit(Options);
        for (var i = 0; i < 3; i++)
        {
            circuit.Record(EndpointHealth.Failed, Start);
        }
        circuit.Record(EndpointHealth.Failed, Start.AddSeconds(1));

        Assert.Equal(Start.AddSeconds(5), circuit.OpenUntil(Start.AddSeconds(1)));
    }

    [Fact]
    public void A_threshold_of_zero_turns_the_breaker_off()
    {
        var circuit = new EndpointCircuit(new DeliveryOptions { CircuitBreakerThreshold = 0 });
        for (var i = 0; i < 100; i++)
        {
            circuit.Record(EndpointHealth.Failed, Start);
        }

        Assert.Null(circuit.OpenUntil(Start));
    }

    [Theory]
    [InlineData(CircuitState.Closed, "success", CircuitState.Closed)]
    [InlineData(CircuitState.Closed, "failure", CircuitState.Closed)]
    [InlineData(CircuitState.Closed, "probe abandoned", CircuitState.Closed)]
    [InlineData(CircuitState.Closed, "cool-down over", CircuitState.Closed)]
    [InlineData(CircuitState.Open, "success", CircuitState.Closed)]
    [InlineData(CircuitState.Open, "failure", CircuitState.Open)]
    [InlineData(CircuitState.Open, "probe abandoned", CircuitState.Open)]
    [InlineData(CircuitState.Open, "cool-down over", CircuitState.Probing)]
    [InlineData(CircuitState.Probing, "success", CircuitState.Closed)]
    [InlineData(CircuitState.Probing, "failure", CircuitState.Open)]
    [InlineData(CircuitState.Probing, "probe abandoned", CircuitState.Open)]
    [InlineData(CircuitState.Probing, "nothing to probe", CircuitState.Closed)]
    [InlineData(CircuitState.Probing, "cool-down over", CircuitState.Probing)]
    public void Each_state_moves_on_each_event_as_the_table_says(CircuitState from, string happening, CircuitState to)
    {
        var circuit = new EndpointCircuit(Options);
        var now = Start;
        if (from != CircuitState.Closed)
        {
            circuit.Record(EndpointHealth.Failed, now);
            circuit.Record(EndpointHealth.Failed, now);
            circuit.Record(EndpointHealth.Failed, now);
        }
        if (from == CircuitState.Probing)
        {
            now = now.AddSeconds(5);
            Assert.True(circuit.TryStartProbe(now));
        }
        Assert.Equal(from, circuit.State);

        var later = now.AddSeconds(5);
        switch (happening)
        {
            case "success":
                circuit.Record(EndpointHealth.Succeeded, now);
                break;
            case "failure":
                circuit.Record(EndpointHealth.Failed, now);
                break;
            case "probe abandoned":
                circuit.ProbeAbandoned();
                break;
            case "nothing to probe":
                circuit.ProbeFoundNothing();
                break;
            case "cool-down over":
                Assert.Equal(to != from, circuit.TryStartProbe(later));
                break;
        }

        Assert.Equal(to, circuit.State);
        Assert.Equal(to != CircuitState.Closed, circuit.HoldsBack);
    }
}
