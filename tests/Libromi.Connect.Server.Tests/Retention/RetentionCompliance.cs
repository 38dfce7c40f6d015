using System.Diagnostics.Metrics;
using System.Globalization;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Retention;
using Libromi.Connect.Server.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Retention;

/// <summary>
/// The retention purge, written once and run against every provider (one subclass each): what is removed, what is
/// kept and when, on a real database with a fake clock and one purge pass at a time.
/// </summary>
public abstract class RetentionCompliance : IAsyncLifetime
{
    protected static readonly TimeSpan Retention = TimeSpan.FromDays(30);
    private Database? _database;
    private string? _skipReason;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    protected RetentionOptions Options { get; } = new() { Events = Retention, BatchSize = 500 };

    protected Database Database => _database ?? throw new SkipException(_skipReason);

    protected PurgeRuns Runs { get; } = new();

    protected abstract Task<(Database? Database, string? SkipReason)> CreateDatabaseAsync();

    protected abstract Task DeleteDatabaseAsync();

    /// <summary>Another node's <see cref="Database"/> on the same store.</summary>
    protected abstract Database SecondNode();

    public async Task InitializeAsync()
    {
        (_database, _skipReason) = await CreateDatabaseAsync();
        if (_database is not null)
        {
            await _database.MigrateAsync(CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
            await DeleteDatabaseAsync();
        }
    }

    [SkippableFact]
    public async Task Old_finished_events_are_purged_with_their_deliveries_and_attempts()
    {
        var old = await SeedEventAsync(Ago(31), (1, Ago(31)), (2, Ago(31)));
        var young = await SeedEventAsync(Ago(29), (1, Ago(29)));

        var run = await PassAsync("events");

        Assert.Equal(1 + 2 + 2, run.Rows);
        Assert.Equal([young], await EventIdsAsync());
        Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM deliveries WHERE event_id = '{old}'"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM deliveries"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM delivery_attempts"));
    }

    [SkippableFact]
    public async Task An_old_event_with_a_pending_delivery_is_kept_until_it_ends_and_then_for_the_retention_period()
    {
        var retrying = await SeedEventAsync(Ago(40), (0, Ago(1)), (1, Ago(40)));

        await PassAsync("events");
        Assert.Equal([retrying], await EventIdsAsync());

        await ExecuteAsync($"UPDATE deliveries SET status = 2, updated_at = {Time.GetUtcNow().ToUnixTimeMilliseconds()} WHERE status = 0");
        Time.Advance(Retention - TimeSpan.FromMinutes(1));
        await PassAsync("events");
        Assert.Equal([retrying], await EventIdsAsync());

        Time.Advance(TimeSpan.FromMinutes(2));
        await PassAsync("events");
        Assert.Empty(await EventIdsAsync());
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM delivery_attempts"));
    }

    [SkippableFact]
    public async Task An_old_event_whose_delivery_ended_within_the_retention_period_is_kept()
    {
        var recent = await SeedEventAsync(Ago(31), (1, Ago(31)), (2, Ago(29)));

        var run = await PassAsync("events");

        Assert.Equal(0, run.Rows);
        Assert.Equal([recent], await EventIdsAsync());
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM deliveries"));
    }

    [SkippableFact]
    public async Task More_kept_events_than_a_batch_do_not_keep_the_expired_ones_after_them()
    {
        Options.BatchSize = 2;
        var kept = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            kept.Add(await SeedEventAsync(Ago(50) + TimeSpan.FromMinutes(i), (0, Ago(0))));
        }
        for (var i = 0; i < 5; i++)
        {
            await SeedEventAsync(Ago(40) + TimeSpan.FromMinutes(i), (1, Ago(40)));
        }

        var run = await PassAsync("events");

        Assert.Equal(5 * 3, run.Rows);
        Assert.Equal(kept, await EventIdsAsync());
    }

    [SkippableFact]
    public async Task Cancelled_deliveries_are_purged_with_their_attempts_once_they_ended_before_the_cutoff()
    {
        Options.BatchSize = 2;
        for (var i = 0; i < 3; i++)
        {
            await SeedDeliveryAsync("evt_erased" + i, 3, Ago(31));
        }
        await SeedDeliveryAsync("evt_erased_lately", 3, Ago(29));

        var run = await PassAsync("events");

        Assert.Equal(3 + 3, run.Rows);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM deliveries WHERE status = 3"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM delivery_attempts"));
    }

    [SkippableFact]
    public async Task Idempotency_keys_are_purged_after_their_own_lifetime()
    {
        Options.BatchSize = 2;
        for (var i = 0; i < 3; i++)
        {
            await ExecuteAsync($"INSERT INTO idempotency_keys (account_id, key, fingerprint, status_code, response, created_at) VALUES ('acc_1', 'old{i}', 'f', 201, @r, {Ms(Time.GetUtcNow() - TimeSpan.FromHours(25))})");
        }
        await ExecuteAsync($"INSERT INTO idempotency_keys (account_id, key, fingerprint, status_code, response, created_at) VALUES ('acc_1', 'young', 'f', 201, @r, {Ms(Time.GetUtcNow() - TimeSpan.FromHours(23))})");

        var run = await PassAsync("idempotency_keys");

        Assert.Equal(3, run.Rows);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM idempotency_keys WHERE key = 'young'"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM idempotency_keys"));
    }

    [SkippableFact]
    public async Task Expired_listen_sessions_go_with_their_deliveries_unless_one_is_still_pending()
    {
        await SeedSessionAsync("whk_expired", Time.GetUtcNow() - TimeSpan.FromMinutes(1), (1, Ago(1)), (2, Ago(1)));
        await SeedSessionAsync("whk_pending", Time.GetUtcNow() - TimeSpan.FromMinutes(1), (0, Ago(0)), (1, Ago(1)));
        await SeedSessionAsync("whk_live", Time.GetUtcNow() + TimeSpan.FromHours(1), (1, Ago(1)));

        var run = await PassAsync("listen_sessions");

        Assert.Equal(1 + 2 + 2, run.Rows);
        Assert.Equal(["whk_live", "whk_pending"], await ListAsync("SELECT id FROM webhooks ORDER BY id"));
        Assert.Equal(3, await CountAsync("SELECT COUNT(*) FROM deliveries"));

        await ExecuteAsync("UPDATE deliveries SET status = 2 WHERE status = 0");
        await PassAsync("listen_sessions");
        Assert.Equal(["whk_live"], await ListAsync("SELECT id FROM webhooks ORDER BY id"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM delivery_attempts"));
    }

    [SkippableFact]
    public async Task Two_nodes_purging_at_once_remove_the_expired_events_and_keep_the_rest()
    {
        Options.BatchSize = 10;
        var kept = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var id = await SeedEventAsync(Ago(40) + TimeSpan.FromMinutes(i), (i % 10 == 0 ? 0 : 1, Ago(40)), (2, Ago(40)));
            if (i % 10 == 0)
            {
                kept.Add(id);
            }
        }
        await using var second = SecondNode();
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var other = new RetentionPurge([new EventPurge(second, new CutoffHorizon(), options)], new PurgeRuns(), new RetentionMetrics(Meters), options, Time,
            NullLogger<RetentionPurge>.Instance);

        var both = await Task.WhenAll(Purge().RunOnceAsync(Time.GetUtcNow(), CancellationToken.None), other.RunOnceAsync(Time.GetUtcNow(), CancellationToken.None));

        Assert.All(both.SelectMany(r => r), r => Assert.Null(r.Error));
        Assert.Equal(90 * 5, both.SelectMany(r => r).Where(r => r.Step == "events").Sum(r => r.Rows));
        Assert.Equal(kept, await EventIdsAsync());
        Assert.Equal(20, await CountAsync("SELECT COUNT(*) FROM delivery_attempts"));
    }

    /// <summary>The time <paramref name="days"/> days before the fake clock's now.</summary>
    protected DateTimeOffset Ago(int days) => Time.GetUtcNow() - TimeSpan.FromDays(days);

    protected static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    /// <summary>One purge pass with the steps shared by every provider.</summary>
    protected RetentionPurge Purge(params IPurgeStep[] extra)
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        IPurgeStep[] steps =
        [
            new EventPurge(Database, new CutoffHorizon(), options),
            new IdempotencyKeyPurge(Database, Microsoft.Extensions.Options.Options.Create(new ApiOptions()), options),
            new ListenSessionPurge(Database, options),
            .. extra,
        ];
        return new RetentionPurge(steps, Runs, new RetentionMetrics(Meters), options, Time, NullLogger<RetentionPurge>.Instance);
    }

    protected static IMeterFactory Meters { get; } = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    private async Task<PurgeRun> PassAsync(string step)
    {
        var runs = await Purge().RunOnceAsync(Time.GetUtcNow(), CancellationToken.None);
        Assert.All(runs, r => Assert.Null(r.Error));
        return runs.Single(r => r.Step == step);
    }

    /// <summary>An event created at <paramref name="at"/> with one delivery (and one attempt) per (status, ended at).</summary>
    protected async Task<string> SeedEventAsync(DateTimeOffset at, params (int Status, DateTimeOffset UpdatedAt)[] deliveries)
    {
        var id = new IdGenerator(new FakeTimeProvider(at)).New("evt");
        await using var scope = await Database.BeginWriteAsync(CancellationToken.None);
        await using (var insert = scope.Command("INSERT INTO events (id, account_id, type, created_at, payload) VALUES (@id, 'acc_1', 'contact.created', @at, @p)")
            .With("@id", id).With("@at", Ms(at)).With("@p", new byte[512]))
        {
            await insert.ExecuteNonQueryAsync();
        }
        foreach (var (status, updated) in deliveries)
        {
            await InsertDeliveryAsync(scope, id, "whk_1", status, at, updated);
        }
        await scope.CommitAsync(CancellationToken.None);
        return id;
    }

    private async Task SeedDeliveryAsync(string eventId, int status, DateTimeOffset updated)
    {
        await using var scope = await Database.BeginWriteAsync(CancellationToken.None);
        await InsertDeliveryAsync(scope, eventId, "whk_1", status, updated, updated);
        await scope.CommitAsync(CancellationToken.None);
    }

    private async Task SeedSessionAsync(string id, DateTimeOffset expires, params (int Status, DateTimeOffset UpdatedAt)[] deliveries)
    {
        await using var scope = await Database.BeginWriteAsync(CancellationToken.None);
        await using (var insert = scope.Command("""
            INSERT INTO webhooks (id, account_id, url, events, event_mask, enabled, secret, session_expires_at, transport, created_at, updated_at)
            VALUES (@id, 'acc_1', 'libromi-listen://session', '["*"]', -1, 1, 's', @exp, 1, 0, 0)
            """).With("@id", id).With("@exp", Ms(expires)))
        {
            await insert.ExecuteNonQueryAsync();
        }
        foreach (var (status, updated) in deliveries)
        {
            await InsertDeliveryAsync(scope, "evt_" + id, id, status, updated, updated);
        }
        await scope.CommitAsync(CancellationToken.None);
    }

    private static async Task InsertDeliveryAsync(WriteScope scope, string eventId, string webhookId, int status, DateTimeOffset created, DateTimeOffset updated)
    {
        long deliveryId;
        await using (var delivery = scope.Command("""
            INSERT INTO deliveries (account_id, event_id, event_type, webhook_id, status, attempt_count, max_attempts, next_attempt_at, lease_token, created_at, updated_at)
            VALUES ('acc_1', @e, 'contact.created', @w, @s, 1, 5, @u, 0, @c, @u) RETURNING id
            """).With("@e", eventId).With("@w", webhookId).With("@s", status).With("@c", Ms(created)).With("@u", Ms(updated)))
        {
            deliveryId = Convert.ToInt64(await delivery.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        await using var attempt = scope.Command("""
            INSERT INTO delivery_attempts (delivery_id, attempt, started_at, duration_ms, status_code, response_body, created_at)
            VALUES (@d, 1, @c, 12, 500, @body, @c)
            """).With("@d", deliveryId).With("@c", Ms(created)).With("@body", new string('x', 256));
        await attempt.ExecuteNonQueryAsync();
    }

    protected async Task ExecuteAsync(string sql)
    {
        await using var scope = await Database.BeginWriteAsync(CancellationToken.None);
        await using (var command = scope.Command(sql).With("@r", new byte[16]))
        {
            await command.ExecuteNonQueryAsync();
        }
        await scope.CommitAsync(CancellationToken.None);
    }

    protected async Task<long> CountAsync(string sql)
    {
        await using var session = await Database.OpenSessionAsync(CancellationToken.None);
        await using var count = session.Command(sql);
        return Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private Task<List<string>> EventIdsAsync() => ListAsync("SELECT id FROM events ORDER BY id");

    private async Task<List<string>> ListAsync(string sql)
    {
        await using var session = await Database.OpenSessionAsync(CancellationToken.None);
        await using var select = session.Command(sql);
        await using var reader = await select.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
