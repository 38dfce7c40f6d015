using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Hosting.Health;

/// <summary>
/// On a worker node, ready reports whether the delivery loop is alive: a dispatcher waiting idle for work is alive
/// however long it waits within its own deadline; a stopped loop is dead.
/// </summary>
public sealed class DispatcherHealthTests
{
    [Fact]
    public async Task A_stopped_dispatcher_makes_ready_503_naming_the_dispatcher_while_live_stays_200()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Node:Roles"] = "worker" });
        (await HealthProbe.GetAsync(server.BaseAddress, "/healthz/ready")).AssertHealthy("store", "dispatcher");

        var dispatcher = server.Services.GetServices<IHostedService>().OfType<Dispatcher>().Single();
        await dispatcher.StopAsync(CancellationToken.None);

        var ready = await HealthProbe.GetAsync(server.BaseAddress, "/healthz/ready");
        Assert.Contains("stopped", ready.AssertFailing("dispatcher"));
        Assert.Equal("ok", ready.Checks["store"].Status);
        (await HealthProbe.GetAsync(server.BaseAddress, "/healthz/live")).AssertHealthy();
    }

    /// <summary>
    /// The clock moves ten minutes on while the loop waits on its signal (its deadline an hour away): its last report is
    /// far older than the one-second bound, yet it is blocked by design, not dead.
    /// </summary>
    [Fact]
    public async Task A_dispatcher_waiting_idle_past_the_stale_bound_is_alive_and_one_whose_wait_overran_is_not()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Health:DispatcherStaleAfter"] = "00:00:01",
            ["Delivery:IdleCheckInterval"] = "01:00:00",
        }, clock);
        var heartbeat = server.Services.GetRequiredService<DispatcherHeartbeat>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var waiting = await heartbeat.WaitForAsync(b => b.State == DispatcherState.Waiting, timeout.Token);

        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(waiting, heartbeat.Last);
        var ready = await HealthProbe.GetAsync(server.BaseAddress, "/healthz/ready");
        ready.AssertHealthy("store", "dispatcher");
        Assert.StartsWith("Waiting for work", ready.Checks["dispatcher"].Description);

        // The same report judged once its own deadline has passed by more than the bound: that wait should have ended.
        var check = new Server.Hosting.Health.DispatcherHealthCheck(heartbeat, new FixedClock(waiting.Until!.Value + TimeSpan.FromSeconds(2)),
            Microsoft.Extensions.Options.Options.Create(new Server.Hosting.Health.HealthOptions { DispatcherStaleAfter = TimeSpan.FromSeconds(1) }));
        var overran = await check.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, overran.Status);
        Assert.Contains("should have woken", overran.Description);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
