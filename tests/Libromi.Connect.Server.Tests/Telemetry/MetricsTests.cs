using System.Net;
using Libromi.Connect.Server.Telemetry;
using Libromi.Connect.Server.Tests.Delivery;
using Libromi.Connect.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Telemetry;

/// <summary>The <c>Libromi.Connect</c> meter as Prometheus scrapes it, after real deliveries to real receivers.</summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsTests
{
    [Fact]
    public async Task After_real_deliveries_the_scraped_counters_agree_with_the_attempt_log()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Delivery:RetrySchedule:0"] = "00:00:05",
            ["Delivery:RetryJitter"] = "0",
        }, clock);
        await using var flaky = await TestReceiver.StartAsync();
        var calls = 0;
        flaky.Respond = _ => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? new ReceiverResponse(500) : ReceiverResponse.Ok);
        await using var gone = await TestReceiver.StartAsync();
        gone.Respond = _ => Task.FromResult(new ReceiverResponse(410));
        using var client = server.CreateClient();
        var (flakyId, _) = await client.CreateWebhookAsync(flaky.Url, "contact.created");
        var (goneId, _) = await client.CreateWebhookAsync(gone.Url, "contact.created");

        await client.CreateContactAsync("Ada", "+15550003001");
        var retried = await server.OnlyDeliveryIdAsync(client, flakyId);
        await server.WaitForDeliveryAsync(client, retried, d => d.GetProperty("attempt_count").GetInt32() == 1);
        clock.Advance(TimeSpan.FromSeconds(6));
        await server.WaitForDeliveryAsync(client, retried, d => d.Str("status") == "succeeded");
        await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(goneId, "failed"), d => d.Length == 1);

        var attempts = new List<(int? Status, string? Kind)>();
        foreach (var webhook in new[] { flakyId, goneId })
        {
            foreach (var delivery in await client.DeliveriesAsync(webhook))
            {
                var read = await client.GetOkAsync($"deliveries/{delivery.Str("id")}");
                attempts.AddRange(read.GetProperty("attempts").EnumerateArray().Select(a => (
                    a.GetProperty("status_code").ValueKind == System.Text.Json.JsonValueKind.Null ? (int?)null : a.GetProperty("status_code").GetInt32(),
                    a.GetProperty("error_kind").GetString())));
            }
        }
        var metrics = await PrometheusText.ScrapeAsync(server.BaseAddress);

        Assert.Equal(3, attempts.Count);
        Assert.Equal(attempts.Count(a => a.Kind is null), metrics.Sum("libromi_delivery_attempts_total", ("outcome", "succeeded")));
        Assert.Equal(attempts.Count(a => a.Kind == "http_status"), metrics.Sum("libromi_delivery_attempts_total", ("outcome", "failed"), ("error_kind", "http_status")));
        Assert.Equal(attempts.Count, metrics.Sum("libromi_delivery_attempts_total"));
        Assert.Equal(attempts.Count, metrics.Sum("libromi_delivery_attempt_duration_seconds_count"));
        Assert.Equal(1, metrics.Sum("libromi_delivery_lag_seconds_count"));
        // The retry waited 6 s of the fake clock: the lag counts from the event, not from the last attempt.
        Assert.InRange(metrics.Sum("libromi_delivery_lag_seconds_sum"), 6, 60);
        Assert.Equal(1, metrics.Sum("libromi_events_ingested_total", ("type", "contact.created")));
        Assert.True(metrics.Sum("libromi_delivery_outcome_batch_size_count") >= 1);
        Assert.True(metrics.Sum("libromi_store_group_commit_transactions_total") >= 1);
        Assert.True(metrics.Has("http_server_request_duration_seconds_count"));
        Assert.True(metrics.Has("http_client_request_duration_seconds_count"));
    }

    [Fact]
    public async Task The_backlog_gauges_show_what_is_pending_and_how_old_the_oldest_is()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // An API node only: what it queues stays queued.
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Node:Roles"] = "api" }, clock);
        using var client = server.CreateClient();
        await client.CreateWebhookAsync(new Uri("https://example.com/hook"), "contact.created");
        await client.CreateContactAsync("Ada", "+15550003002");
        clock.Advance(TimeSpan.FromSeconds(30));
        await client.CreateContactAsync("Grace", "+15550003003");
        clock.Advance(TimeSpan.FromSeconds(60));

        await server.Services.GetRequiredService<BacklogSampler>().SampleAsync(CancellationToken.None);
        var metrics = await PrometheusText.ScrapeAsync(server.BaseAddress);

        Assert.Equal(2, metrics.Sum("libromi_deliveries_pending"));
        Assert.Equal(90, metrics.Sum("libromi_deliveries_oldest_pending_age_seconds"), 1);
        Assert.Equal(0, metrics.Sum("libromi_circuits_open"));
    }

    [Fact]
    public async Task Telemetry_Prometheus_false_serves_no_metrics_endpoint()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Telemetry:Prometheus"] = "false" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/metrics")).StatusCode);
    }
}
