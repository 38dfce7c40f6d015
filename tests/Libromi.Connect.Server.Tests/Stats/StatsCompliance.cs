using System.Net;
using System.Text.Json;
using Libromi.Connect.Server.Retention;
using Libromi.Connect.Server.Tests.Delivery;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Stats;

/// <summary>
/// <c>GET /api/v1/stats</c> and <c>/webhooks/{id}/stats</c> after real deliveries to real receivers, on each provider
/// (one subclass each), with a fake clock that moves the windows.
/// </summary>
public abstract class StatsCompliance : ProviderServer
{
    [SkippableFact]
    public async Task Stats_count_what_the_attempt_log_holds_per_webhook_and_per_account_and_the_windows_move_with_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 2, 0, TimeSpan.Zero));
        var settings = StorageSettings();
        settings["Delivery:RetrySchedule:0"] = "00:00:05";
        settings["Delivery:RetrySchedule:1"] = "30.00:00:00";
        settings["Delivery:RetryJitter"] = "0";
        // The test runs the purge itself, once, when the rollups have expired.
        settings["Retention:PurgeInterval"] = "30.00:00:00";
        await using var server = await TestServer.StartAsync(settings, clock);
        await using var flaky = await TestReceiver.StartAsync();
        var calls = 0;
        flaky.Respond = _ => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? new ReceiverResponse(500) : ReceiverResponse.Ok);
        await using var gone = await TestReceiver.StartAsync();
        gone.Respond = _ => Task.FromResult(new ReceiverResponse(410));
        await using var down = await TestReceiver.StartAsync();
        down.Respond = _ => Task.FromResult(new ReceiverResponse(503));
        using var client = server.CreateClient();
        var (flakyId, _) = await client.CreateWebhookAsync(flaky.Url, "contact.created");
        var (goneId, _) = await client.CreateWebhookAsync(gone.Url, "contact.created");
        var (downId, _) = await client.CreateWebhookAsync(down.Url, "contact.created");
        var created = clock.GetUtcNow();

        await client.CreateContactAsync("Ada", "+15550004001");
        var retried = await server.OnlyDeliveryIdAsync(client, flakyId);
        await server.WaitForDeliveryAsync(client, retried, d => d.GetProperty("attempt_count").GetInt32() == 1);
        clock.Advance(TimeSpan.FromSeconds(6));
        await server.WaitForDeliveryAsync(client, retried, d => d.Str("status") == "succeeded");
        await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(goneId, "failed"), d => d.Length == 1);
        await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(downId), d => d.Length == 1 && d[0].GetProperty("attempt_count").GetInt32() == 2);

        var flakyStats = await client.GetOkAsync($"webhooks/{flakyId}/stats");
        Assert.Equal(flakyId, flakyStats.Str("webhook_id"));
        AssertWindow(flakyStats.GetProperty("last_hour"), delivered: 1, failed: 0, attemptsOk: 1, attemptsFailed: 1, successRate: 1.0);
        Assert.Equal(0, flakyStats.GetProperty("backlog").GetProperty("pending").GetInt64());
        AssertWindow((await client.GetOkAsync($"webhooks/{goneId}/stats")).GetProperty("last_hour"), delivered: 0, failed: 1, attemptsOk: 0, attemptsFailed: 1, successRate: 0.0);
        var downStats = await client.GetOkAsync($"webhooks/{downId}/stats");
        AssertWindow(downStats.GetProperty("last_hour"), delivered: 0, failed: 0, attemptsOk: 0, attemptsFailed: 2, successRate: null);
        Assert.Equal(1, downStats.GetProperty("backlog").GetProperty("pending").GetInt64());
        Assert.Equal(created, downStats.GetProperty("backlog").GetProperty("oldest_pending_at").GetDateTimeOffset());

        var account = await client.GetOkAsync("stats");
        Assert.Equal(JsonValueKind.Null, account.GetProperty("webhook_id").ValueKind);
        AssertWindow(account.GetProperty("last_hour"), delivered: 1, failed: 1, attemptsOk: 1, attemptsFailed: 4, successRate: 0.5);
        AssertWindow(account.GetProperty("last_day"), delivered: 1, failed: 1, attemptsOk: 1, attemptsFailed: 4, successRate: 0.5);
        Assert.Equal(1, account.GetProperty("backlog").GetProperty("pending").GetInt64());
        var durations = account.GetProperty("last_hour").GetProperty("attempt_duration_ms");
        Assert.InRange(durations.GetProperty("p50").GetDouble(), 0, durations.GetProperty("p99").GetDouble());
        Assert.InRange(durations.GetProperty("p99").GetDouble(), 0, 30000);

        // Two hours on, the hour is empty and the day still counts it all; a stranger's stats know nothing of it.
        clock.Advance(TimeSpan.FromHours(2));
        account = await client.GetOkAsync("stats");
        AssertWindow(account.GetProperty("last_hour"), delivered: 0, failed: 0, attemptsOk: 0, attemptsFailed: 0, successRate: null);
        Assert.Equal(JsonValueKind.Null, account.GetProperty("last_hour").GetProperty("attempt_duration_ms").GetProperty("p50").ValueKind);
        AssertWindow(account.GetProperty("last_day"), delivered: 1, failed: 1, attemptsOk: 1, attemptsFailed: 4, successRate: 0.5);
        using var stranger = server.CreateClient(await server.CreateAccountAsync());
        AssertWindow((await stranger.GetOkAsync("stats")).GetProperty("last_day"), delivered: 0, failed: 0, attemptsOk: 0, attemptsFailed: 0, successRate: null);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAnswerAsync($"webhooks/{flakyId}/stats")).Status);

        // Three days on, the rollups are purged with the rest of what expired.
        clock.Advance(TimeSpan.FromDays(3));
        var runs = await server.Services.GetRequiredService<RetentionPurge>().RunOnceAsync(clock.GetUtcNow(), CancellationToken.None);
        Assert.Contains(runs, r => r.Step == "webhook_stats" && r.Rows >= 3);
        AssertWindow((await client.GetOkAsync("stats")).GetProperty("last_day"), delivered: 0, failed: 0, attemptsOk: 0, attemptsFailed: 0, successRate: null);
    }

    [SkippableFact]
    public async Task The_stats_of_an_unknown_webhook_are_a_404_problem()
    {
        await using var server = await TestServer.StartAsync(StorageSettings());
        using var client = server.CreateClient();

        var answer = await client.GetAnswerAsync("webhooks/whk_unknown/stats");

        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (answer.Status, answer.ContentType));
    }

    private static void AssertWindow(JsonElement window, long delivered, long failed, long attemptsOk, long attemptsFailed, double? successRate)
    {
        Assert.Equal((delivered, failed), (window.GetProperty("deliveries").GetProperty("succeeded").GetInt64(), window.GetProperty("deliveries").GetProperty("failed").GetInt64()));
        Assert.Equal((attemptsOk, attemptsFailed), (window.GetProperty("attempts").GetProperty("succeeded").GetInt64(), window.GetProperty("attempts").GetProperty("failed").GetInt64()));
        Assert.Equal(successRate, window.GetProperty("success_rate").ValueKind == JsonValueKind.Null ? null : window.GetProperty("success_rate").GetDouble());
    }
}

public sealed class SqliteStatsTests : StatsCompliance
{
    protected override bool OnPostgres => false;
}

public sealed class PostgresStatsTests : StatsCompliance
{
    protected override bool OnPostgres => true;
}
