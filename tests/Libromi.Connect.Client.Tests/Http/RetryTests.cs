using Libromi.Connect.Client.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Client.Tests.Http;

public sealed class RetryTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    // Only ends a test whose call never returns; no test waits for it to pass.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private FlakyFront _front = null!;

    public async Task InitializeAsync() => _front = await FlakyFront.StartAsync(fixture.Server.BaseAddress);

    public async Task DisposeAsync() => await _front.DisposeAsync();

    [Fact]
    public async Task A_create_whose_answer_was_a_503_after_the_server_acted_is_retried_with_the_same_key_and_creates_once()
    {
        var (client, direct) = await ClientsAsync();
        _front.Decide = n => n == 0 ? Fault.AfterForwarding(503) : Fault.None;

        var contact = await client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "+441234567890" });

        var attempts = _front.Seen;
        Assert.Equal(2, attempts.Count);
        Assert.Equal((201, false), (attempts[0].ServerStatus, attempts[0].ServerReplayed));
        Assert.Equal((201, true), (attempts[1].ServerStatus, attempts[1].ServerReplayed));
        Assert.NotNull(attempts[0].IdempotencyKey);
        Assert.Equal(attempts[0].IdempotencyKey, attempts[1].IdempotencyKey);
        Assert.Equal([contact.Id], await direct.Contacts.ListAsync().Select(c => c.Id).ToListAsync());
    }

    [Fact]
    public async Task A_create_whose_connection_dropped_after_the_server_acted_is_retried_and_creates_once()
    {
        var (client, direct) = await ClientsAsync();
        _front.Decide = n => n == 0 ? Fault.DropAfterForwarding : Fault.None;

        var webhook = await client.Webhooks.CreateAsync(new() { Url = "https://example.com/webhook", Events = ["*"] });

        Assert.Equal(2, _front.Seen.Count);
        Assert.True(_front.Seen[1].ServerReplayed);
        Assert.Equal(_front.Seen[0].IdempotencyKey, _front.Seen[1].IdempotencyKey);
        Assert.Equal([webhook.Id], await direct.Webhooks.ListAsync().Select(w => w.Id).ToListAsync());
    }

    [Fact]
    public async Task Each_logical_create_gets_a_key_of_its_own()
    {
        var (client, direct) = await ClientsAsync();

        await client.Chatbots.CreateAsync(new() { Name = "A", Keywords = ["a"], Reply = "a" });
        await client.Chatbots.CreateAsync(new() { Name = "A", Keywords = ["a"], Reply = "a" });

        Assert.Equal(2, _front.Seen.Select(r => r.IdempotencyKey).Distinct().Count());
        Assert.Equal(2, await direct.Chatbots.ListAsync().CountAsync());
    }

    [Fact]
    public async Task Reads_and_updates_carry_no_idempotency_key()
    {
        var (client, _) = await ClientsAsync();
        var contact = await client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "+441234567890" });

        await client.Contacts.GetAsync(contact.Id);
        await client.Contacts.UpdateAsync(contact.Id, new() { Name = "Ada L." });

        Assert.Equal([true, false, false], _front.Seen.Select(r => r.IdempotencyKey is not null));
    }

    [Fact]
    public async Task A_delete_whose_answer_was_lost_succeeds_when_its_retry_finds_the_webhook_gone()
    {
        var (client, direct) = await ClientsAsync();
        var webhook = await direct.Webhooks.CreateAsync(new() { Url = "https://example.com/webhook", Events = ["*"] });
        _front.Decide = n => n == 0 ? Fault.AfterForwarding(502) : Fault.None;

        await client.Webhooks.DeleteAsync(webhook.Id);

        Assert.Equal([204, 404], _front.Seen.Select(r => r.ServerStatus));
        Assert.Empty(await direct.Webhooks.ListAsync().ToListAsync());
    }

    [Fact]
    public async Task A_4xx_is_not_retried()
    {
        var (client, _) = await ClientsAsync();

        var error = await Assert.ThrowsAsync<LibromiApiException>(() => client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "12" }));

        Assert.Equal(422, error.Status);
        Assert.Single(_front.Seen);
    }

    [Fact]
    public async Task A_409_is_not_retried()
    {
        var (client, direct) = await ClientsAsync();
        await direct.Contacts.CreateAsync(new() { Name = "Ada", Phone = "+441234567890" });

        var error = await Assert.ThrowsAsync<LibromiApiException>(() => client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "+441234567890" }));

        Assert.Equal(409, error.Status);
        Assert.Single(_front.Seen);
    }

    [Fact]
    public async Task Transient_failures_are_retried_max_retries_times_and_then_surface_as_transient()
    {
        var (client, direct) = await ClientsAsync(o => o.MaxRetries = 3);
        _front.Decide = _ => Fault.Instead(503);

        var error = await Assert.ThrowsAsync<LibromiApiException>(() => client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "+441234567890" }));

        Assert.Equal((503, true), (error.Status, error.IsTransient));
        Assert.Contains("503 from the front", error.Detail, StringComparison.Ordinal);
        Assert.Equal(4, _front.Seen.Count);
        Assert.Single(_front.Seen.Select(r => r.IdempotencyKey).Distinct());
        Assert.Empty(await direct.Contacts.ListAsync().ToListAsync());
    }

    [Fact]
    public async Task With_retries_off_a_transient_failure_surfaces_at_once()
    {
        var (client, _) = await ClientsAsync(o => o.MaxRetries = 0);
        _front.Decide = _ => Fault.Instead(500);

        var error = await Assert.ThrowsAsync<LibromiApiException>(() => client.Events.GetAsync("evt_any"));

        Assert.Equal((500, true), (error.Status, error.IsTransient));
        Assert.Single(_front.Seen);
    }

    [Fact]
    public async Task A_network_failure_on_every_attempt_surfaces_as_transient_without_a_status()
    {
        var (client, _) = await ClientsAsync();
        _front.Decide = _ => Fault.DropAfterForwarding;

        var error = await Assert.ThrowsAsync<LibromiApiException>(() => client.Contacts.GetAsync("con_any"));

        Assert.Null(error.Status);
        Assert.True(error.IsTransient);
        Assert.IsType<HttpRequestException>(error.InnerException, exactMatch: false);
        Assert.Equal(3, _front.Seen.Count);
    }

    [Fact]
    public async Task A_429_waits_as_long_as_retry_after_says()
    {
        var clock = new FakeTimeProvider();
        var (client, _) = await ClientsAsync(o => o.TimeProvider = clock);
        _front.Decide = n => n == 0 ? Fault.Instead(429, retryAfter: "1") : Fault.None;

        var call = client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "+441234567890" });
        var waited = await AdvanceUntilAsync(clock, TimeSpan.FromMilliseconds(100), () => _front.Seen.Count >= 2, TimeSpan.FromSeconds(10));
        await call;

        Assert.InRange(waited, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5));
        Assert.Equal(2, _front.Seen.Count);
    }

    [Fact]
    public async Task The_wait_before_a_retry_runs_on_the_configured_time_provider()
    {
        var clock = new FakeTimeProvider();
        var (client, _) = await ClientsAsync(o =>
        {
            o.TimeProvider = clock;
            o.MaxRetryDelay = TimeSpan.FromMinutes(1);
        });
        _front.Decide = n => n == 0 ? Fault.Instead(503, retryAfter: "30") : Fault.None;

        var call = client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "+441234567890" });
        var waited = await AdvanceUntilAsync(clock, TimeSpan.FromSeconds(1), () => _front.Seen.Count >= 2, TimeSpan.FromMinutes(2));
        await call;

        Assert.InRange(waited, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(35));
        Assert.Equal(2, _front.Seen.Count);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_longest_wait_fails_at_once_and_says_how_long()
    {
        var (client, _) = await ClientsAsync(o => o.MaxRetryDelay = TimeSpan.FromSeconds(5));
        _front.Decide = _ => Fault.Instead(429, retryAfter: "120");

        var error = await Assert.ThrowsAsync<LibromiApiException>(() => client.Contacts.ListAsync().ToListAsync().AsTask());

        Assert.Equal((429, true, TimeSpan.FromSeconds(120)), (error.Status, error.IsTransient, error.RetryAfter));
        Assert.Single(_front.Seen);
    }

    [Fact]
    public async Task Cancelling_a_call_in_flight_stops_it_without_a_retry()
    {
        var (client, _) = await ClientsAsync();
        using var cancel = new CancellationTokenSource();
        // Cancelled once the request has arrived, and never answered: only the cancellation can end the call.
        _front.Decide = _ =>
        {
            cancel.Cancel();
            return Fault.Hanging;
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "+441234567890" }, cancel.Token).WaitAsync(HangGuard));

        Assert.Single(_front.Seen);
    }

    [Fact]
    public async Task Cancelling_during_the_wait_between_retries_stops_the_call()
    {
        var clock = new FakeTimeProvider();
        var (client, _) = await ClientsAsync(o =>
        {
            o.MaxRetryDelay = TimeSpan.FromMinutes(5);
            o.TimeProvider = clock;
        });
        _front.Decide = _ => Fault.Instead(503, retryAfter: "60");
        // Due one fake second in, long before the fake minute the client waits; the clock moves only once the 503 is out.
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1), clock);

        var call = client.Chatbots.GetAsync("cbt_any", cancel.Token);
        await AdvanceUntilAsync(clock, TimeSpan.FromSeconds(1), () => call.IsCompleted, TimeSpan.FromSeconds(59));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(HangGuard));
        Assert.Single(_front.Seen);
    }

    [Fact]
    public async Task Cancelling_a_list_between_pages_stops_it()
    {
        var (client, direct) = await ClientsAsync();
        for (var i = 0; i < 4; i++)
        {
            await direct.Contacts.CreateAsync(new() { Name = $"Contact {i}", Phone = $"+1555000030{i}" });
        }
        using var cancel = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.Contacts.ListAsync(pageSize: 2).WithCancellation(cancel.Token))
            {
                if (++seen == 2)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.Equal(2, seen);
        Assert.Single(_front.Seen);
    }

    /// <summary>A client that goes through the flaky front, and one that talks to the server directly, for the same new account.</summary>
    private async Task<(LibromiClient Client, LibromiClient Direct)> ClientsAsync(Action<LibromiClientOptions>? configure = null)
    {
        var options = await fixture.NewAccountAsync();
        var direct = new LibromiClient(options);
        var flaky = new LibromiClientOptions
        {
            ApiKey = options.ApiKey,
            BaseUrl = _front.Url,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        };
        configure?.Invoke(flaky);
        return (new LibromiClient(flaky), direct);
    }

    /// <summary>
    /// Moves the fake clock on by <paramref name="step"/> whenever the first request has arrived and the client is
    /// waiting, until <paramref name="done"/>; returns how much fake time that took. No wall-clock wait is measured. A
    /// step taken before the client has set its timer is not seen by it, so the result may exceed the wait by a few steps.
    /// </summary>
    private async Task<TimeSpan> AdvanceUntilAsync(FakeTimeProvider clock, TimeSpan step, Func<bool> done, TimeSpan max)
    {
        var waited = TimeSpan.Zero;
        while (!done() && waited < max)
        {
            await Task.Delay(10);
            if (_front.Seen.Count == 1 && !done())
            {
                clock.Advance(step);
                waited += step;
            }
        }
        return waited;
    }
}
