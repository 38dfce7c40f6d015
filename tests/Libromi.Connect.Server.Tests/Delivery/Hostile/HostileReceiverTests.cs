using System.Text.Json;
using Libromi.Connect.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Delivery.Hostile;

/// <summary>
/// Receivers that misbehave in every way HTTP allows and some it does not. Whatever they do, each attempt ends as a
/// logged failed attempt that uses up a retry: exactly 1 + 3 requests reach the receiver, and 4 attempts are logged.
/// Run on every store (one subclass each), since what a receiver answers is stored.
/// </summary>
public abstract class HostileReceiverTests : IAsyncLifetime
{
    private static readonly Dictionary<string, (HostileAnswer Answer, string Kind)> Cases = new()
    {
        ["body shorter than its Content-Length"] = (HostileAnswers.ShortBody(), "response_truncated"),
        ["chunked body cut short"] = (HostileAnswers.ChunkedCutShort(), "response_truncated"),
        ["reset after the headers"] = (HostileAnswers.ResetAfterHeaders(), "connection_reset"),
        ["reset without an answer"] = (HostileAnswers.ResetWithoutAnswer(), "connection_reset"),
        ["closed without an answer"] = (HostileAnswers.CloseWithoutAnswer(), "response_truncated"),
        ["an answer that is not HTTP"] = (HostileAnswers.NotHttp(), "invalid_response"),
        ["headers over the client's limit"] = (HostileAnswers.HugeHeaders(), "response_headers_too_large"),
        ["a body that stalls"] = (HostileAnswers.StallInBody(), "timeout"),
        ["NUL bytes and invalid UTF-8"] = (HostileAnswers.NulAndInvalidUtf8(), "http_status"),
        ["60 KiB of headers"] = (HostileAnswers.ManyHeaders(), "http_status"),
    };

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    /// <summary>The store settings of the provider under test; null skips with <see cref="SkipReason"/>.</summary>
    protected abstract Task<Dictionary<string, string?>?> StoreSettingsAsync();

    protected virtual string SkipReason => "";

    private Dictionary<string, string?>? _store;

    public async Task InitializeAsync() => _store = await StoreSettingsAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [SkippableTheory]
    [MemberData(nameof(CaseNames))]
    public async Task Every_attempt_at_a_misbehaving_receiver_is_logged_and_uses_up_a_retry(string behaviour)
    {
        var (answer, kind) = Cases[behaviour];
        await using var receiver = HostileReceiver.Start(answer);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartServerAsync(clock);
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url, "contact.created");

        await client.CreateContactAsync("Mallory", "+15550009999");
        var deliveryId = await server.OnlyDeliveryIdAsync(client, webhookId);
        if (kind == "timeout")
        {
            // The attempt's timeout runs on the server's clock: moved once the receiver has the request, it ends the attempt.
            for (var attempt = 1; attempt <= 4; attempt++)
            {
                await receiver.WaitForRequestsAsync(attempt);
                clock.Advance(Timeout);
                await server.WaitForDeliveryAsync(client, deliveryId, d => d.GetProperty("attempt_count").GetInt32() == attempt);
            }
        }
        var delivery = await server.WaitForDeliveryAsync(client, deliveryId, d => d.Str("status") == "failed");

        Assert.Equal(4, receiver.Requests);
        Assert.Equal(4, delivery.GetProperty("attempt_count").GetInt32());
        var attempts = delivery.GetProperty("attempts").EnumerateArray().ToArray();
        Assert.Equal([1, 2, 3, 4], attempts.Select(a => a.GetProperty("attempt").GetInt32()));
        Assert.All(attempts, a =>
        {
            Assert.Equal(kind, a.Str("error_kind"));
            Assert.False(string.IsNullOrWhiteSpace(a.Str("error")));
            if (a.GetProperty("response_headers").ValueKind == JsonValueKind.Object)
            {
                Assert.InRange(a.GetProperty("response_headers").GetRawText().Length, 2, 4096);
            }
        });
    }

    [SkippableFact]
    public async Task A_receivers_nul_bytes_and_invalid_utf8_are_kept_readably()
    {
        await using var receiver = HostileReceiver.Start(HostileAnswers.NulAndInvalidUtf8());
        await using var server = await StartServerAsync();
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url, "contact.created");

        await client.CreateContactAsync("Mallory", "+15550009998");
        var delivery = await server.WaitForDeliveryAsync(client, await server.OnlyDeliveryIdAsync(client, webhookId), d => d.GetProperty("attempt_count").GetInt32() >= 1);

        var attempt = delivery.GetProperty("attempts")[0];
        Assert.Equal(500, attempt.GetProperty("status_code").GetInt32());
        Assert.Equal("a\u2400b\uFFFD\uFFFDc\uFFFD(\uFFFD\uFFFD\uFFFD", attempt.Str("response_body"));
        Assert.Equal("a\u00ffb", attempt.GetProperty("response_headers").Str("x-evil"));
    }

    [SkippableFact]
    public async Task A_flood_of_headers_is_kept_to_4_KiB_with_a_count_of_what_was_left_out()
    {
        await using var receiver = HostileReceiver.Start(HostileAnswers.ManyHeaders());
        await using var server = await StartServerAsync();
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url, "contact.created");

        await client.CreateContactAsync("Mallory", "+15550009997");
        var delivery = await server.WaitForDeliveryAsync(client, await server.OnlyDeliveryIdAsync(client, webhookId), d => d.GetProperty("attempt_count").GetInt32() >= 1);

        var headers = delivery.GetProperty("attempts")[0].GetProperty("response_headers");
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(headers.GetRawText()), 1024, 4096);
        Assert.EndsWith("more header(s) not kept", headers.Str("(omitted)"));
        Assert.Equal("no", delivery.GetProperty("attempts")[0].Str("response_body"));
    }

    [SkippableFact]
    public async Task A_hostile_receiver_in_one_account_does_not_hold_up_another_accounts_deliveries()
    {
        await using var hostile = HostileReceiver.Start(HostileAnswers.NulAndInvalidUtf8());
        await using var healthy = await TestReceiver.StartAsync();
        await using var server = await StartServerAsync();
        using var mallory = server.CreateClient();
        using var alice = server.CreateClient(await server.CreateAccountAsync());
        var (hostileId, _) = await mallory.CreateWebhookAsync(hostile.Url, "contact.created");
        var (healthyId, _) = await alice.CreateWebhookAsync(healthy.Url, "contact.created");

        for (var i = 0; i < 5; i++)
        {
            await mallory.CreateContactAsync($"Mallory {i}", $"+1555000980{i}");
            await alice.CreateContactAsync($"Alice {i}", $"+1555000990{i}");
        }

        await healthy.WaitForCountAsync(5);
        foreach (var delivery in await alice.DeliveriesAsync(healthyId))
        {
            var done = await server.WaitForDeliveryAsync(alice, delivery.Str("id"), d => d.Str("status") == "succeeded");
            Assert.Single(done.GetProperty("attempts").EnumerateArray());
        }
        foreach (var delivery in await mallory.DeliveriesAsync(hostileId))
        {
            await server.WaitForDeliveryAsync(mallory, delivery.Str("id"), d => d.Str("status") == "failed");
        }
        Assert.Equal(20, hostile.Requests);
    }

    /// <summary>
    /// A server on <paramref name="clock"/> (a fake one, never moved, unless given): retries are due at once, and an
    /// attempt times out only when the test moves the clock past <see cref="Timeout"/>.
    /// </summary>
    private async Task<TestServer> StartServerAsync(FakeTimeProvider? clock = null)
    {
        Skip.If(_store is null, SkipReason);
        var settings = new Dictionary<string, string?>(_store!)
        {
            ["Delivery:Timeout"] = Timeout.ToString(),
            ["Delivery:RetrySchedule:0"] = "00:00:00",
            ["Delivery:RetrySchedule:1"] = "00:00:00",
            ["Delivery:RetrySchedule:2"] = "00:00:00",
            ["Delivery:CircuitBreakerThreshold"] = "0",
        };
        return await TestServer.StartAsync(settings, clock ?? new FakeTimeProvider(DateTimeOffset.UtcNow));
    }
}
